"""The api.json type ``bytes`` (raw e-mail, an attachment's content): in
core's JSON a string of its standard base64 (RFC 4648 §4, ``=`` padding);
in Python ``bytes`` back, and ``bytes``, ``bytearray`` or ``memoryview``
taken, anything else refused as ``InvalidType`` naming the field. No
operation of core takes or gives bytes yet, so these tests drive the
runtime and the generator directly."""

from __future__ import annotations

import array
import base64
import json
import pickle
from typing import Any, ClassVar

import pytest
from conftest import START
from test_generated import generator
from test_golden import Replay
from wire import to_wire

from helpdesk import Actor, Helpdesk, InvalidInput, InvalidType, ManualClock, _runtime
from helpdesk._runtime import Field, Operation, Param, Record

SAMPLES = [b"", b"\x00\xff\xfe", b"f", b"fo", b"foo", "héllo ✉\n".encode(), bytes(range(256))]


@pytest.mark.parametrize("raw", SAMPLES, ids=repr)
def test_bytes_go_to_core_as_standard_base64_and_come_back_as_bytes(raw: bytes) -> None:
    text = _runtime.encoder("bytes")(raw, "raw")
    assert text == base64.b64encode(raw).decode("ascii")
    back = _runtime.decoder("bytes")(text)
    assert type(back) is bytes and back == raw


def test_the_alphabet_is_the_standard_one_with_padding() -> None:
    encode = _runtime.encoder("bytes")
    assert encode(b"\x00\xff\xfe", "raw") == "AP/+"
    assert encode(b"\xff", "raw") == "/w=="
    assert encode(b"", "raw") == ""
    assert _runtime.decoder("bytes")("/w==") == b"\xff"


def test_a_bytearray_and_a_memoryview_are_taken_as_their_bytes() -> None:
    encode = _runtime.encoder("bytes")
    assert encode(bytearray(b"\x00\xff\xfe"), "raw") == "AP/+"
    assert encode(memoryview(b"\x00\xff\xfe"), "raw") == "AP/+"
    # Not contiguous, or not of single bytes: the bytes it views, in order.
    assert encode(memoryview(b"\x00x\xffy\xfe")[::2], "raw") == "AP/+"
    words = array.array("H", [1, 2])
    assert encode(memoryview(words), "raw") == base64.b64encode(words.tobytes()).decode()


@pytest.mark.parametrize("wrong", ["text", [0, 255], 7, None], ids=repr)
def test_anything_else_is_a_type_error_naming_the_field(wrong: object) -> None:
    with pytest.raises(InvalidType) as refused:
        _runtime.encoder("bytes")(wrong, "raw")
    assert isinstance(refused.value, InvalidInput) and isinstance(refused.value, TypeError)
    assert refused.value.code == "invalid_input"
    assert refused.value.fields["field"] == "raw"
    assert refused.value.fields["reason"] == (
        f"expected bytes, bytearray or memoryview, got {type(wrong).__name__}"
    )


def test_option_of_bytes_is_none_or_bytes() -> None:
    encode, decode = _runtime.encoder("option<bytes>"), _runtime.decoder("option<bytes>")
    assert encode(None, "content") is None
    assert decode(None) is None
    assert encode(bytearray(b"\x00"), "content") == "AA=="
    assert decode("AA==") == b"\x00"
    with pytest.raises(InvalidType) as refused:
        encode("AA==", "content")
    assert refused.value.fields["field"] == "content"


def test_a_list_of_bytes_is_a_list_of_base64_texts() -> None:
    encode, decode = _runtime.encoder("list<bytes>"), _runtime.decoder("list<bytes>")
    assert encode([b"a", bytearray(b""), memoryview(b"\xff")], "parts") == ["YQ==", "", "/w=="]
    assert decode(["YQ==", "", "/w=="]) == [b"a", b"", b"\xff"]
    with pytest.raises(InvalidType) as refused:
        encode(b"ab", "parts")  # bytes are not a list of bytes
    assert refused.value.fields["field"] == "parts"


class FakeDesk:
    """Stands for the native desk: keeps the JSON it is sent, answers ``result``."""

    def __init__(self, result: Any) -> None:
        self.result = result
        self.sent: dict[str, Any] = {}

    def invoke(self, name: str, actor: Actor, arguments: str) -> str:
        self.sent = json.loads(arguments)
        return json.dumps(self.result)


def test_an_operation_sends_and_receives_bytes_as_base64() -> None:
    operation: Operation[list[bytes]] = Operation(
        "echo_parts",
        (Param("raw", "raw", "bytes", False), Param("extra", "extra", "option<bytes>", False)),
        "list<bytes>",
    )
    desk = FakeDesk(["AP/+", ""])
    got = operation.call(desk, Actor.system(), (b"\x00\xff\xfe", None))  # type: ignore[arg-type]
    assert desk.sent == {"raw": "AP/+", "extra": None}
    assert got == [b"\x00\xff\xfe", b""]
    with pytest.raises(InvalidType) as refused:
        operation.call(desk, Actor.system(), ("\x00", None))  # type: ignore[arg-type]
    assert refused.value.fields["field"] == "raw"


class Attachment(Record):
    """A record with bytes, as the generator writes one."""

    __slots__ = ("content", "name")
    __match_args__ = ("name", "content")
    _FIELDS: ClassVar[tuple[Field, ...]] = (
        Field("name", "name", "string", False),
        Field("content", "content", "option<bytes>", False),
    )
    name: str
    content: bytes | None

    def __init__(self, *, name: str, content: bytes | bytearray | memoryview | None = None) -> None:
        self._init((name, content))


def test_a_record_keeps_bytes_and_converts_them_like_a_result() -> None:
    built = Attachment(name="a.bin", content=bytearray(b"\x00\xff\xfe"))
    assert type(built.content) is bytes and built.content == b"\x00\xff\xfe"
    assert Attachment(name="a.bin", content=memoryview(b"\x00\xff\xfe")) == built
    assert hash(built) == hash(Attachment(name="a.bin", content=b"\x00\xff\xfe"))
    assert built.to_dict() == {"name": "a.bin", "content": "AP/+"}
    assert Attachment.from_dict({"name": "a.bin", "content": "AP/+"}) == built
    assert Attachment.from_dict({"name": "none", "content": None}).content is None
    assert pickle.loads(pickle.dumps(built)) == built
    assert Attachment(name="empty", content=b"").to_dict()["content"] == ""
    with pytest.raises(InvalidType) as refused:
        Attachment(name="a.txt", content="text")  # type: ignore[arg-type]
    assert refused.value.fields["field"] == "content"


def test_the_golden_files_write_bytes_as_their_utf8_text() -> None:
    """tests/golden/README.md: an argument of type bytes is the text of its
    UTF-8 bytes, and a result's bytes compare as their UTF-8 text."""
    clock = ManualClock(START)
    replay = Replay(Helpdesk.in_memory(clock=clock), clock)
    assert replay.value("bytes", "Subject: héllo\r\n") == "Subject: héllo\r\n".encode()
    assert replay.value("option<bytes>", None) is None
    assert replay.value("list<bytes>", ["a", ""]) == [b"a", b""]
    assert to_wire(Attachment(name="a", content="héllo".encode())) == {
        "name": "a",
        "content": "héllo",
    }
    assert to_wire(b"\xff") == "\ufffd"


# ----- the generator -----

ARGUMENT = "bytes | bytearray | memoryview"


def test_the_generator_hints_bytes_taken_and_bytes_given() -> None:
    hint = generator().hint
    assert hint({}, "bytes", argument=False) == "bytes"
    assert hint({}, "bytes", argument=True) == ARGUMENT
    assert hint({}, "option<bytes>", argument=False) == "bytes | None"
    assert hint({}, "option<bytes>", argument=True) == f"{ARGUMENT} | None"
    assert hint({}, "list<bytes>", argument=False) == "list[bytes]"
    assert hint({}, "list<bytes>", argument=True) == f"Sequence[{ARGUMENT}]"


MAIL_API: dict[str, Any] = {
    "operations": [
        {
            "name": "receive_email",
            "doc": "Reads a raw e-mail.",
            "params": [
                {"name": "company", "type": "id:Company"},
                {"name": "raw", "type": "bytes"},
            ],
            "returns": "MailReceipt",
        }
    ],
    "records": {
        "MailReceipt": {
            "fields": [
                {"name": "ticket", "type": "id:Ticket", "optional": False},
                {"name": "attachments", "type": "list<MailAttachment>", "optional": False},
            ]
        },
        "MailAttachment": {
            "fields": [
                {"name": "name", "type": "string", "optional": False},
                {"name": "content", "type": "option<bytes>", "optional": True},
            ]
        },
    },
    "enums": {},
}


def test_the_generator_writes_bytes_into_methods_records_and_operations() -> None:
    gen = generator()
    method = gen.gen_method(MAIL_API, MAIL_API["operations"][0])
    assert f"        raw: {ARGUMENT}," in method
    assert "    ) -> MailReceipt:" in method
    record = gen.gen_record(MAIL_API, "MailAttachment")
    assert "    content: bytes | None" in record
    assert f"        content: {ARGUMENT} | None = None," in record
    assert any('Field("content", "content", "option<bytes>", False)' in line for line in record)
    operation = gen.gen_operation(MAIL_API, MAIL_API["operations"][0])
    assert '        Param("raw", "raw", "bytes", False),' in operation
