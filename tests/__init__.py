"""Planner's tests, laid out as the package: unit/ (domain, services, store, exports),
widgets/ (the window, by screen area), e2e/ (the command line and the window run whole);
helpers/ holds what several test files share."""
