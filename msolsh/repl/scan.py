"""A forgiving scanner over the text before the cursor, for completion and the Enter rule.

It keeps only what the REPL needs while a line is half typed: the words of the command the
cursor is in (the current pipeline element at the innermost open bracket), whether the cursor is
inside a quote, and whether the text is still open (bracket, quote, here-string, trailing pipe
or backtick). It never raises. The real tokenizer and parser decide what the text means; this
only has to be right about where things start. Knows nothing of prompt_toolkit or the session.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional

OPENERS = {"{": "}", "(": ")", "$(": ")", "@(": ")", "@{": "}"}
ASSIGNMENT_OPS = {"=", "+=", "-=", "*=", "/=", "%=", "??="}


@dataclass
class Word:
    text: str
    start: int


@dataclass
class Frame:
    """One open bracket: the words of the statement being typed inside it."""
    opener: str
    words: List[Word] = field(default_factory=list)
    in_string: str = ""          # '"' when this frame is a $( ) inside a double-quoted string
    string_start: int = -1


@dataclass
class ScanState:
    frames: List[Frame]
    word_start: Optional[int] = None   # start of the word the cursor is in, if any
    comma_at: Optional[int] = None     # just past the last unquoted ',' in that word
    quote: str = ""                    # "'", '"', "@'" or '@"' when the text ends inside one
    quote_start: int = -1
    in_comment: str = ""               # 'line' or 'block' when the text ends inside a comment
    trailing: str = ""                 # last significant character outside strings

    @property
    def frame(self) -> Frame:
        return self.frames[-1]


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.i = 0
        self.state = ScanState([Frame("")])

    # -- words ----------------------------------------------------------------------------
    def _begin_word(self) -> None:
        if self.state.word_start is None:
            self.state.word_start = self.i
            self.state.comma_at = None

    def _end_word(self) -> None:
        st = self.state
        if st.word_start is not None:
            word = Word(self.text[st.word_start:self.i], st.word_start)
            words = st.frame.words
            words.append(word)
            if _is_assignment(words):
                words.clear()
        st.word_start = None
        st.comma_at = None

    def _new_statement(self) -> None:
        self._end_word()
        self.state.frame.words.clear()

    # -- the loop -------------------------------------------------------------------------
    def run(self) -> ScanState:
        text, n = self.text, len(self.text)
        while self.i < n:
            if self.state.quote:
                self._in_quote()
                continue
            ch = text[self.i]
            two = text[self.i:self.i + 2]
            if ch in " \t":
                self._end_word()
            elif ch == "`":
                self._begin_word()
                self.i += 1
                if self.i >= n:
                    self.state.trailing = "`"
                    break
                if text[self.i] == "\n":   # line continuation: the word ends, statement goes on
                    self._end_word()
            elif ch in "\r\n;" or ch == "|" or two == "&&":
                self._new_statement()
                if two in ("||", "&&"):
                    self.i += 1
            elif two == "<#":
                self._skip_block_comment()
                continue
            elif ch == "#" and self.state.word_start is None:
                self._skip_line_comment()
                continue
            elif two in ("@'", '@"') and self._heredoc_opens():
                self._begin_word()
                self._open_quote(two, 2)
                continue
            elif ch in "'\"":
                self._begin_word()
                self._open_quote(ch, 1)
                continue
            elif two == "${":
                self._braced_variable()
                continue
            elif two in ("$(", "@(", "@{"):
                self._open(two)
                self.i += 2
                continue
            elif ch in "({":
                self._open(ch)
            elif ch in ")}":
                self._close()
            elif ch == "=" and self._assignment_without_spaces():
                self._new_statement()
            elif ch == ",":
                self._begin_word()
                self.state.comma_at = self.i + 1
            else:
                self._begin_word()
            if ch not in " \t\r\n":
                self.state.trailing = ch
            self.i += 1
        return self.state

    def _braced_variable(self) -> None:
        self._begin_word()
        end = self.text.find("}", self.i)
        self.i = len(self.text) if end < 0 else end + 1
        self.state.trailing = "}"

    def _open(self, opener: str) -> None:
        self._end_word()
        self.state.frames.append(Frame(opener))

    def _close(self) -> None:
        st = self.state
        self._end_word()
        if len(st.frames) == 1:
            return
        frame = st.frames.pop()
        start = self.i
        # the bracket as a whole is one argument of the enclosing command
        st.frame.words.append(Word(frame.opener + "…", start))
        if frame.in_string:
            st.quote = frame.in_string
            st.quote_start = st.word_start = frame.string_start

    def _open_quote(self, quote: str, width: int) -> None:
        self.state.quote = quote
        self.state.quote_start = self.i
        self.i += width

    def _in_quote(self) -> None:
        st, text = self.state, self.text
        ch = text[self.i]
        if st.quote == "'":
            if text.startswith("''", self.i):
                self.i += 2
                return
            if ch == "'":
                st.quote = ""
        elif st.quote == '"':
            if ch == "`":
                self.i += 2
                return
            if text.startswith("$(", self.i):
                st.quote = ""
                st.word_start = None
                st.frames.append(Frame("$(", in_string='"', string_start=st.quote_start))
                self.i += 2
                return
            if ch == '"':
                st.quote = ""
        elif text.startswith("\n" + st.quote[1] + "@", self.i):
            st.quote = ""
            self.i += 3
            st.trailing = "@"
            return
        self.i += 1
        if not st.quote:
            st.trailing = ch

    def _heredoc_opens(self) -> bool:
        rest = self.text[self.i + 2:]
        line = rest.split("\n", 1)[0]
        return line.strip() == ""

    def _skip_line_comment(self) -> None:
        end = self.text.find("\n", self.i)
        if end < 0:
            self.state.in_comment = "line"
            self.i = len(self.text)
        else:
            self.i = end

    def _skip_block_comment(self) -> None:
        end = self.text.find("#>", self.i + 2)
        if end < 0:
            self.state.in_comment = "block"
            self.i = len(self.text)
        else:
            self.i = end + 2

    def _assignment_without_spaces(self) -> bool:
        st = self.state
        if st.word_start is None or st.frame.words:
            return False
        word = self.text[st.word_start:self.i]
        return word.startswith("$") and all(c.isalnum() or c in "_:$" for c in word[1:])


def _is_assignment(words: List[Word]) -> bool:
    return len(words) == 2 and words[0].text.startswith("$") and words[1].text in ASSIGNMENT_OPS


def scan(text: str) -> ScanState:
    """Scan `text` (everything before the cursor)."""
    return _Scanner(text).run()


def needs_more_input(text: str) -> bool:
    """True when only more input could complete `text`: an open bracket, quote or
    here-string, a trailing pipe or a trailing backtick (the fallback of the Enter rule)."""
    st = scan(text)
    if st.quote or len(st.frames) > 1 or st.in_comment == "block":
        return True
    return st.trailing in ("|", "`")
