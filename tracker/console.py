"""The command line's consoles: `console` for results (stdout), `err` for problems (stderr). One rule for width.

On a terminal, rich fits tables to the terminal's width. Piped or captured (a script, a CI log, a cron mail)
there is no terminal to fit: tables get `PIPED_WIDTH` columns (or `COLUMNS`, read when printing, not when
the module was imported), so codes and names are not cut to 80 columns. Text is never wrapped by rich
(`soft_wrap`): a path, link or command broken across two lines cannot be pasted back.
"""

from typing import Any

from rich.console import Console, ConsoleDimensions

PIPED_WIDTH = 200


class CliConsole(Console):
    """A rich console whose width, when it writes to no terminal, is `COLUMNS` or `PIPED_WIDTH`."""

    def __init__(self, *, width: int | None = None, **options: Any) -> None:
        super().__init__(width=width, **options)
        self._width = width  # rich froze COLUMNS as it was at import; read it when printing instead

    @property
    def size(self) -> ConsoleDimensions:
        if self._width is not None or self.is_terminal:  # a width set in code, or the terminal's own
            return super().size
        columns = self._environ.get("COLUMNS", "")
        return ConsoleDimensions(int(columns) if columns.isdigit() else PIPED_WIDTH, super().size.height)

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        Console.size.fset(self, new_size)  # type: ignore[attr-defined]


console = CliConsole(soft_wrap=True)
err = CliConsole(stderr=True, soft_wrap=True)
