"""Helpers shared by every chapter: MySQL access, frame comparison, seeding, devices, timing."""
