"""Turn extracted cell text into typed, normalised records; never touches the database.

Printed text is always kept beside what was parsed from it, and a value that does not
parse is kept as text with the reason, never zeroed or dropped.
"""
