"""The shipped type stub and the built native module declare the same names."""

from __future__ import annotations

import ast
import inspect
from importlib import resources

import helpdesk
from helpdesk import _helpdesk

MODULE_ATTRIBUTES = {"__name__", "__doc__", "__package__", "__loader__", "__spec__", "__file__"}
MODULE_ATTRIBUTES |= {"__all__", "__builtins__", "__cached__"}


def stub_tree() -> ast.Module:
    source = (resources.files("helpdesk") / "_helpdesk.pyi").read_text(encoding="utf-8")
    return ast.parse(source)


def declared(body: list[ast.stmt]) -> set[str]:
    """The names a stub body declares (functions, classes, annotated attributes)."""
    names: set[str] = set()
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def public(names: set[str]) -> set[str]:
    """Drop dunder names: pyo3 adds its own (``__new__``, ``__richcmp__`` slots, ...)."""
    return {n for n in names if not (n.startswith("__") and n.endswith("__"))}


def test_wheel_ships_stub_and_py_typed() -> None:
    package = resources.files("helpdesk")
    assert (package / "py.typed").is_file()
    assert (package / "_helpdesk.pyi").is_file()


def test_stub_declares_exactly_the_module_names() -> None:
    in_stub = public(declared(stub_tree().body))
    in_module = public(set(dir(_helpdesk))) - MODULE_ATTRIBUTES
    assert in_stub == in_module


def test_stub_classes_declare_exactly_the_class_members() -> None:
    for node in stub_tree().body:
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(_helpdesk, node.name)
        assert inspect.isclass(cls), node.name
        in_stub = public(declared(node.body))
        in_class = public({name for name in vars(cls) if not name.startswith("_")})
        in_class |= {name for name in vars(cls) if name.startswith("_") and name in in_stub}
        assert in_stub == in_class, node.name


def test_package_exports_exist() -> None:
    for name in helpdesk.__all__:
        assert hasattr(helpdesk, name), name
