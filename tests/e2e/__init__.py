"""The program run whole: the command line (cli/) and the window with it (window/)."""
