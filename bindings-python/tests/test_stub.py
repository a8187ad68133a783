"""The shipped type stub and the built native module declare the same names."""

from __future__ import annotations

import ast
import inspect
from importlib import resources

import helpdesk
from helpdesk import _helpdesk

MODULE_ATTRIBUTES = {"__name__", "__doc__", "__package__", "__loader__", "__spec__", "__file__"}
MODULE_ATTRIBUTES |= {"__all__", "__builtins__", "__cached__"}
# The test hooks (only in a test build, never in the public stub).
MODULE_ATTRIBUTES |= {"_testing"}


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


def stub_signature(function: ast.FunctionDef) -> list[tuple[str, str, object]]:
    """(name, kind, default) of each parameter a stub function declares, without ``self``."""
    args = function.args
    positional = args.posonlyargs + args.args
    defaults: list[object] = [inspect.Parameter.empty] * (len(positional) - len(args.defaults)) + [
        ast.literal_eval(d) for d in args.defaults
    ]
    params = [
        (a.arg, "positional", default)
        for a, default in zip(positional, defaults)
        if a.arg != "self"
    ]
    for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults):
        default = inspect.Parameter.empty if kw_default is None else ast.literal_eval(kw_default)
        params.append((arg.arg, "keyword", default))
    return params


def runtime_signature(target: object) -> list[tuple[str, str, object]]:
    """The same, from the built module's ``__text_signature__``."""
    params = []
    for param in inspect.signature(target).parameters.values():  # type: ignore[arg-type]
        if param.name == "self":
            continue
        kind = "keyword" if param.kind is inspect.Parameter.KEYWORD_ONLY else "positional"
        params.append((param.name, kind, param.default))
    return params


def is_property(function: ast.FunctionDef) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "property" for d in function.decorator_list)


def test_stub_signatures_match_the_module() -> None:
    """Parameter names, keyword-only-ness and defaults agree, function by function."""
    checked = 0
    for node in stub_tree().body:
        if isinstance(node, ast.FunctionDef):
            assert stub_signature(node) == runtime_signature(getattr(_helpdesk, node.name))
            checked += 1
        if isinstance(node, ast.ClassDef):
            cls = getattr(_helpdesk, node.name)
            for item in node.body:
                if not isinstance(item, ast.FunctionDef) or is_property(item):
                    continue
                if item.name == "__init__":
                    target: object = cls
                elif item.name.startswith("__"):
                    continue
                else:
                    target = getattr(cls, item.name)
                where = f"{node.name}.{item.name}"
                assert stub_signature(item) == runtime_signature(target), where
                checked += 1
    assert checked > 15
