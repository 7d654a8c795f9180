"""The engine: scoring, decision support, costs, re-assessment and lint. Pure: no I/O, no
terminal, no clock; randomness only from a given seed."""
