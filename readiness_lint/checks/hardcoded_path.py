"""RDY008 hardcoded-path."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from readiness_lint import names as n
from readiness_lint import secretscan
from readiness_lint.checks.base import LineRule, Sample

if TYPE_CHECKING:
    import libcst as cst

    from readiness_lint.extract import Context
else:
    from readiness_lint._lazy_cst import cst

_MACHINE_PATH = re.compile(
    r"^(?:/Users/([^/\s]+)|/home/([^/\s]+)|[A-Za-z]:[\\/]+Users[\\/]+([^\\/\s][^\\/]*))(?:[/\\]|$)"
)
# A user segment that stands for "whoever runs it": a template, a variable, a documentation placeholder.
_PLACEHOLDER_USER = re.compile(r"[<>{}%$]|^(?:your|user|username|name|public|default|all users)\b", re.IGNORECASE)


class HardcodedPath(LineRule):
    code = "RDY008"
    name = "hardcoded-path"
    why = "A path under one person's home directory exists on their machine only: in production the job fails or writes elsewhere."
    fix = "Make it configuration: Path(os.getenv('OUTPUT_DIR', HERE / 'out')), or a setting with a relative default."
    what_it_does = (
        "Finds string literals that are absolute paths into a user's home directory "
        "(`/Users/...`, `/home/...`, `C:\\Users\\...`). Literals given as the default of an "
        "environment read, those in a file named as a model to copy (`settings_example.py`, "
        "`config.sample.py`), and those whose user name stands for whoever runs the code (`/home/<user>/`, "
        "`/Users/username/`, `/home/user/`, `/home/$USER/`, `C:\\Users\\Public\\`; in an f-string, a value in "
        'the user\'s place, `f"/home/{user}/out"`, `f"/home/{stamp}.backup"`) are left alone.'
    )
    why_bad = (
        "The same code should run in development, CI and production with only configuration changing. "
        "A home-directory path ties the code to one machine and one person."
    )
    VALID = (
        Sample('import os\nfrom pathlib import Path\n\nOUT = Path(os.getenv("OUTPUT_DIR", "out"))\n'),
        Sample('import os\n\nOUT = os.getenv("OUTPUT_DIR", "/home/app/out")\n', note="an overridable default"),
        Sample('def help():\n    """Writes to /home/<user>/reports by default."""\n'),
        Sample(
            'def dump_path(stamp):\n    return f"/home/{stamp}.backup"\n',
            note="a value in the user's place: a file named at run time",
        ),
    )
    INVALID = (
        Sample('with open("/Users/me/report.csv", "w") as f:\n    f.write("id,amount\\n")\n'),
        Sample('DATA_DIR = "/home/alice/data"\n'),
        Sample('OUT = r"C:\\Users\\bob\\reports"\n'),
        Sample('DATA = r"C:\\Users\\Ann Lee\\Desktop\\exports"\n', note="a Windows user name with a space"),
    )

    def on_string(self, node: cst.CSTNode, value: str, ctx: Context) -> None:
        match = _MACHINE_PATH.match(value)
        if ctx.env_default_depth or ctx.in_docstring or ctx.example or match is None:
            return
        if type(node) is not cst.SimpleString:
            # (a value in the user's place, `f"/home/{user}/out"`, `f"/home/{stamp}.backup"`, stands
            # for whoever runs it: read with the values in; only once the literal parts look like a
            # home path, not for every string)
            value = n.template_text(node, "{}") or value
            match = _MACHINE_PATH.match(value)
            if match is None:
                return
        user = next(group for group in match.groups() if group is not None)
        if _PLACEHOLDER_USER.search(user):
            return
        shown = secretscan.mask(value)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        ctx.report(self.name, node, f"Machine-specific path hard-coded: {shown!r}")
