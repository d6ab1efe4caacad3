"""The only package that talks to SQLite: the plan file, its rows, its reads and writes.

A plan is read in two ways, by the same code:

- `plain_reads.PlainReads`: plain SQL on a DB-API connection, for everything the first
  screen needs (an item, a parent's children page by page, counts, the tree's structure
  for progress and totals, settings, people, metrics, lines, images). It imports no
  SQLAlchemy.
- `repository.PlanStore` and its `Unit`: SQLAlchemy sessions for everything else (the
  writes, and the reads only they need: neighbours and ranks for placing items, search,
  shares, the check). Its Unit inherits PlainReads, so those reads run on the session's own
  connection in the same transaction: no read is written twice.

Why two: loading SQLAlchemy costs about 0.3 s and 35 MB, more than the window itself, so a
plan whose schema is current opens on a bare sqlite3 connection (`quick_store`), its tree
read on a second thread while Qt loads (`plan_check.InspectAhead`); the full store loads
after the first paint, and any unit that needs it earlier waits for it. The command line
takes the same path: `planner list` never loads SQLAlchemy.

Around them: `connection` makes every SQLite connection (and knows which plans this
process has open), `plan_check` and `wal_check` look at a file before it is opened,
`plan_file` creates and migrates, `backups` and `plan_lock` care for the file itself.
"""
