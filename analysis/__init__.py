"""Helpers shared by every notebook of the collection: data, style, figures, sources.

`import analysis` loads the validated tables (`analysis.load`), applies the collection's
figure style, and offers the figure saver and bibliography the notebooks end with. Heavier
tools (the notebook runner) live in submodules that are imported only when used.
"""

from . import style
from .bibliography import bibliography, escape_markdown, source_ids_used
from .catalogue import actor_names
from .data import DataError, Problem, enum_values, load, resource_names, schema, validate_all
from .export import export_events
from .figures import SavedFigure, save_figure
from .paths import DATA_DIR, FIGURES_DIR, NOTEBOOKS_DIR, PROJECT_ROOT
from .tables import show_table

style.apply()

__all__ = [
    "DATA_DIR",
    "FIGURES_DIR",
    "NOTEBOOKS_DIR",
    "PROJECT_ROOT",
    "DataError",
    "Problem",
    "SavedFigure",
    "actor_names",
    "bibliography",
    "enum_values",
    "escape_markdown",
    "export_events",
    "load",
    "resource_names",
    "save_figure",
    "schema",
    "show_table",
    "source_ids_used",
    "style",
    "validate_all",
]
