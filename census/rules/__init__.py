"""The census card's pure rules: plain Python, unit-tested without Django."""
