"""Holdfast: host, train and support human rights defenders at risk."""
