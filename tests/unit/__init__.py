"""Tests of the code below the window, one folder per package: domain, services, store, exports."""
