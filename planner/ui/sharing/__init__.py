"""Sharing and exchange in the window: Share…, the Shares window, File › Export… and Import…"""
