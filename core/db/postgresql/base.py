"""Django's PostgreSQL backend with a client-side deadline on every round trip (core/database.py)."""

import contextlib

from django.db.backends.postgresql import base

from core.database import DatabaseTimeout, deadline


class DatabaseWrapper(base.DatabaseWrapper):
    timed_out = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.execute_wrappers.append(self._within_deadline)

    def _poison(self) -> None:
        """The server did not answer: drop the socket now, so that nothing else waits on it."""
        self.timed_out = True
        if self.connection is not None:
            with contextlib.suppress(Exception):
                self.connection.close()

    def _within_deadline(self, execute, sql, params, many, context):
        try:
            with deadline():
                return execute(sql, params, many, context)
        except DatabaseTimeout:
            self._poison()
            raise

    def get_new_connection(self, conn_params):
        self.timed_out = False
        with deadline():
            return super().get_new_connection(conn_params)

    def init_connection_state(self):
        try:
            with deadline():
                super().init_connection_state()
        except DatabaseTimeout:
            self._poison()
            raise

    def is_usable(self):
        if self.timed_out:
            return False
        try:
            with deadline():
                return super().is_usable()
        except DatabaseTimeout:
            self._poison()
            return False

    def _commit(self):
        try:
            with deadline():
                return super()._commit()
        except DatabaseTimeout:
            self._poison()
            raise

    def _rollback(self):
        if self.timed_out:
            return None
        with deadline():
            return super()._rollback()
