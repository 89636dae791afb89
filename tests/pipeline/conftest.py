"""Fixtures shared by the pipeline tests."""

from __future__ import annotations

import socket

import pytest


@pytest.fixture
def connects(monkeypatch):
    """Every address a TCP connection is attempted to (httpcore connects via socket.create_connection)."""
    seen: list[str] = []
    real = socket.create_connection

    def recording(address, *args, **kwargs):
        seen.append(address[0])
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", recording)
    return seen
