"""Tests of what turns the project into things people install."""
