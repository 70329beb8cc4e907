"""Multiple systems estimation of the hidden number (pure Python: numpy and scipy)."""
