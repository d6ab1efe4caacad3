"""The images' commands: `planner image add|list|rm|move|save`."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from planner.domain.errors import InvalidInput
from planner.domain.images import FORMAT_NAMES, human_size
from planner.domain.validation import position
from planner.exports.files import plan_files, save_image
from planner.i18n import _, pgettext
from planner.services.images import ImageService
from planner.services.plan import PlanService


def add_image_parsers(sub: Any) -> None:
    """The `image` subcommand and its actions."""
    image = sub.add_parser("image", help=_("images of goals and tasks (stored in the plan)"))
    image_sub = image.add_subparsers(
        dest="image_command", metavar=pgettext("metavar", "ACTION"), required=True
    )
    add = image_sub.add_parser(
        "add", help=_("attach PNG, JPEG, GIF, WebP or BMP files (up to 20 MB); prints their ids")
    )
    add.add_argument("id", type=int, metavar="ID", help=_("the goal or task"))
    add.add_argument("files", nargs="+", metavar=pgettext("metavar", "FILE"))
    add.add_argument("--position", type=position, metavar="N", help=_("place among its images"))
    lst = image_sub.add_parser("list", help=_("an item's images, in order"))
    lst.add_argument("id", type=int, metavar="ID")
    lst.add_argument("--json", action="store_true")
    image_id = pgettext("metavar", "IMAGE_ID")
    image_sub.add_parser("rm", help=_("remove an image")).add_argument(
        "image_id", type=int, metavar=image_id
    )
    move = image_sub.add_parser("move", help=_("put an image at a position among its item's"))
    move.add_argument("image_id", type=int, metavar=image_id)
    move.add_argument("position", type=position, metavar="N", help=_("0 is first"))
    save = image_sub.add_parser("save", help=_("write an image to a file, as it was added"))
    save.add_argument("image_id", type=int, metavar=image_id)
    save.add_argument(
        "file",
        metavar=pgettext("metavar", "FILE"),
        help=_("a file, or a folder (keeps its name)"),
    )


def cmd_image(service: PlanService, args: argparse.Namespace) -> int:
    images = ImageService(service.store)
    action = args.image_command
    if action == "add":
        paths = [Path(f) for f in args.files]
        for outcome in images.add_files(args.id, paths, index=args.position):
            print(outcome.images[0])
    elif action == "list":
        infos = images.images(args.id)
        if args.json:
            keys = ("id", "filename", "format", "width", "height", "size", "position")
            rows = [{k: getattr(i, k) for k in keys} for i in infos]
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        elif not infos:
            print(_("{title} has no images.").format(title=service.get(args.id).title))
        for info in [] if args.json else infos:
            print(
                f"#{info.id}  {info.filename}  {FORMAT_NAMES[info.format]}  "
                f"{info.width} × {info.height}  {human_size(info.size)}"
            )  # names and numbers only
    elif action == "rm":
        images.remove(args.image_id)
    elif action == "move":
        images.move(args.image_id, args.position)
    else:
        target = Path(args.file)
        if args.file.endswith(("/", os.sep)) and not target.is_dir():
            raise InvalidInput(_("There is no folder {path}.").format(path=args.file))
        # Named on the command line: a device or pipe there is written into (`/dev/stdout`).
        saved = save_image(images, args.image_id, target, plan_files(args.plan_path), devices=True)
        print(saved)
    return 0
