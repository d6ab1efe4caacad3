"""The calendar: a month or a week of due dates beside the details panel."""
