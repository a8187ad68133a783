# zig as the linker of the Linux libraries `make dist` builds for another machine and for an old
# glibc (the npm addons, the JVM jar's linux-aarch64 library), so that no container or
# cross-compiler is needed: PyPI's ziglang (the Python wheels' pin, which maturin links with) in
# a virtual environment of the including directory, linked there as `zig`; `$(ZIG_PATH) cargo
# zigbuild --target <triple>.$(DIST_GLIBC)` then finds it. cargo-zigbuild is installed by cargo
# on first use, as `napi build --cross-compile` would. One place for both, included by
# bindings-node/Makefile and bindings-mobile/Makefile after their default target.
DIST_GLIBC := 2.17
ZIG_VENV   := .dist-venv
ZIG_PATH   := PATH="$(abspath $(ZIG_VENV)/bin):$$PATH"

.PHONY: zig
zig:
	test -x $(ZIG_VENV)/bin/python || python3 -m venv $(ZIG_VENV)
	$(ZIG_VENV)/bin/python -m pip install --quiet "ziglang>=0.13,<0.14"
	ln -sf "$$($(ZIG_VENV)/bin/python -c 'import ziglang, os; print(os.path.dirname(ziglang.__file__))')/zig" $(ZIG_VENV)/bin/zig
	command -v cargo-zigbuild > /dev/null || cargo install --locked cargo-zigbuild
