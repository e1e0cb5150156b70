"""synth: synthetic graphs of any size, with known defects that a validator must find.

It may import the core only.
"""
