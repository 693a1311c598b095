"""The rules: pure Python, no I/O, nothing of ours imported from outside core."""
