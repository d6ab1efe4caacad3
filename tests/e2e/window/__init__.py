"""The window end to end: started through its entry point, beside the command line."""
