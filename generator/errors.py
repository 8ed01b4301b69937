"""One exception hierarchy and the located problem record every stage reports.

A user's mistake is never a traceback: stages collect :class:`Problem` records
(file, line, column, severity, message, hint) and the caller decides what to do
with them. Exceptions derive from :class:`BriefingError`; the CLI turns them into
one located line and exit status 1.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field, replace


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located in its file (1-based line and column)."""

    path: str
    line: int
    column: int
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    hint: str = field(default="", compare=False)
    code: str = field(default="", compare=False)

    def format(self) -> str:
        """``path:line:col: error: message; hint: ...`` on one line."""
        text = f"{self.path}:{self.line}:{self.column}: {self.severity.value}: {self.message}"
        if self.hint:
            text += f"; hint: {self.hint}"
        return one_line(terminal_safe(text))

    def as_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }

    def as_error(self) -> Problem:
        """The same problem as an error (``--strict``)."""
        return replace(self, severity=Severity.ERROR)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


#: Characters a terminal would act on rather than show: C0 controls but newline and tab,
#: DEL, C1 controls (ESC sequences start here), and the bidirectional overrides.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """Text for the terminal: every character it would act on shown as an escape (``\\x1b``,
    ``\\u202e``), so a brief or article can neither colour, move nor hide a message."""
    return _UNSAFE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str, limit: int = 400) -> str:
    """Fold newlines and cut very long messages so a report stays one line per problem."""
    flat = " ".join(text.split("\n"))
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def excerpt(text: str, limit: int = 80) -> str:
    """A short, single-line rendering of user text for messages (never the whole input)."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def error(
    path: str, line: int, column: int, message: str, hint: str = "", code: str = ""
) -> Problem:
    return Problem(path, line, column, Severity.ERROR, message, hint, code)


def warning(
    path: str, line: int, column: int, message: str, hint: str = "", code: str = ""
) -> Problem:
    return Problem(path, line, column, Severity.WARNING, message, hint, code)


class BriefingError(Exception):
    """Base class of every error the generator raises on purpose."""


class InputError(BriefingError):
    """A user's input cannot be used at all; carries the located problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))


class ConfigError(InputError):
    """A mistake in mkdocs.yml, located there like a brief's (``mkdocs.yml:LINE:COL: ...``):
    the located problems, or one line already formatted (a command-line option's value)."""

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            self.problems = []
            BriefingError.__init__(self, problems)
        else:
            super().__init__(problems)


class OptionError(BriefingError):
    """A ``briefing`` plugin option is wrong; the reader of mkdocs.yml locates it."""

    def __init__(self, option: str, message: str, hint: str = "", *, key: bool = False) -> None:
        self.option = option
        self.message = message
        self.hint = hint
        #: locate the option's key (an unknown name) rather than its value
        self.at_key = key
        super().__init__(f"{message}; hint: {hint}" if hint else message)


class ProjectNotFound(BriefingError):
    """No mkdocs.yml where the command looked (exit status 2)."""


class UsageError(BriefingError):
    """The command line was used wrongly (exit status 2)."""


class OutputError(BriefingError):
    """An output path would leave its folder or clobber a hand-written file."""


class SourcePathError(BriefingError):
    """A brief's source ``file`` names no acceptable article under the seeds folder."""


class FixError(BriefingError):
    """``briefing fix`` cannot rewrite a brief (it changed on disk meanwhile, or will not parse)."""


class DeployError(BriefingError):
    """Publishing failed or was refused (git, the remote, or a trace of an unpublished brief)."""


class ExportError(BriefingError):
    """An export was refused: the brief is above ``max_tlp`` (an export never holds one)."""


class DraftError(BriefingError):
    """``briefing new`` cannot place an article under the seeds folder."""
