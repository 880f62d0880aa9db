"""The exercise engine: the Python that runs both in CPython (pytest, ``course check``) and in
the browser's Pyodide worker, so a file gets the same report everywhere.

The site ships this folder as it is (see ``course/pages/assets.py``); it depends on nothing but
the standard library and NumPy. Exercises' ``checks.py`` import what they need from here::

    from course.engine import Checks, unit_rows
"""

from course.engine.checking import CheckFailed, Checks, Trial, describe, unit_rows

__all__ = ["CheckFailed", "Checks", "Trial", "describe", "unit_rows"]
