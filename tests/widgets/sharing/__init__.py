"""Tests of planner.ui.sharing: Share…, the Shares window, Export… and Import…"""
