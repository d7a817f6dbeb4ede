"""Regular expressions several parts of the parser use: spaces, list bullets, headings."""
import re

_SPACES = re.compile(r"\s+")
_BULLET = re.compile(r"^[-+•–]\s*")  # "- ", "+ ", "• " opening a list line

_CHAPTER = re.compile(r"^(?i:chương)\s+(?P<num>[IVXLC]+|\d+)(?![^\W\d_])\s*[.:\-–]?\s*(?P<rest>.*)$")
_ARTICLE = re.compile(r"^(?i:điều)\s+(?P<num>\d+[a-zđ]?)(?![^\W_])\s*[.:\-–]?\s*(?P<rest>.*)$")
_NUMBERED = re.compile(r"^(?P<num>\d{1,3})\s*[.)]\s+(?P<rest>\S.*)$")
_POINT = re.compile(r"^(?P<letter>[a-zđ])\)\s*(?P<rest>\S.*)$")
_SECTION = re.compile(r"^(?P<num>[IVX]{1,5})\s*[.:\-–]\s*(?P<rest>.*)$")
_ROMAN = re.compile(r"X{0,3}(IX|IV|V?I{0,3})")
