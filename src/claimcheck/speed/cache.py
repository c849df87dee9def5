"""A loaded claim set kept on disk between commands, used again only if none of its inputs changed.

Reading and checking every file is most of what each command does on a large claim set, and a
curator runs several commands on the same files (validate, conflicts, report, check). After a
successful load the CLI stores the claim set under the user's cache folder; the next command uses
it only if every byte it was read from is the same: the codebook, the list of claim files and each
one's contents, each article's text and the place its path resolves to, the options that change
what a load accepts, and claimcheck's own code. A file is not read again to tell: its size, times,
inode and device as recorded when it was read vouch for it (as in git's index), unless it had
changed within RACY_NS of that read, when its bytes are hashed instead. Anything else is a miss
and the set is read and checked again, so the cache can be slower than nothing but never stale. Problems are never
stored: a set that fails validation is read in full every time.

The entry holds data only, never code: a header of JSON, then the codebook and sources as JSON and
the claims as JSON columns (claimpack.py), each part checked against its digest and read back by a
typed reader (codec.py); the folder and the file are opened and checked as cachefile.py says (a
0700 folder of the user's, a regular file of theirs no one else can write, opened once, without
following a link or waiting on a pipe). Environment: CLAIMCHECK_CACHE=0 turns it off; CLAIMCHECK_CACHE_DIR moves it
(default $XDG_CACHE_HOME/claimcheck or ~/.cache/claimcheck). One entry is kept per claim-set
folder; the oldest (by when they were written) are removed once all together pass
CLAIMCHECK_CACHE_MAX_MB (default 2048) or 64 entries, each with its companion (topicfile.py),
which names the entry by the id drawn at each write.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import stat
import sys
from pathlib import Path
from typing import Callable, Iterable

from claimcheck.claimset.files import Signature, digest, signature  # noqa: F401 (the cache's names for them)
from claimcheck.speed import cachefile, claimpack, codec
from claimcheck.model import ClaimSet

# 2: a header with counts and warnings, then the claims in parts; 3: the header holds the entry's id;
# 4: parts in columns (claimpack.py); 5: no pickle: JSON checked against digests (cachefile.py, codec.py);
# 6: a quantity keeps its open ends ("more than 200" is not "at least 200")
FORMAT = 6
SUFFIX = ".entry"
DEFAULT_CAP = 10 * 1024 * 1024  # claimset.reading.DEFAULT_MAX_BYTES: an input is hashed only up to the load's cap
_OFF = {"0", "off", "no", "false"}
MAX_ENTRIES = 64

# the article path as the claim file gives it, where it resolves, the digest of its text, its signature when read
ArticleDigest = tuple[str, str, str, "Signature | None"]


def cache_dir() -> Path | None:
    """Where entries live, or None when the cache is turned off."""
    if os.environ.get("CLAIMCHECK_CACHE", "").strip().lower() in _OFF:
        return None
    if os.environ.get("CLAIMCHECK_CACHE_DIR"):
        return Path(os.environ["CLAIMCHECK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "claimcheck"


def file_bytes(path: str | Path, cap: int = DEFAULT_CAP) -> bytes:
    """A regular file's bytes, at most `cap` (files.read_capped: OSError for anything else, or more)."""
    from claimcheck.claimset.files import read_capped

    return read_capped(path, cap)[0]


_code: str | None = None


def _code_digest() -> str:
    """claimcheck's own source, so that a changed parser or rule never meets a claim set it did not read."""
    global _code
    if _code is None:
        h = hashlib.blake2b(digest_size=20)
        pkg = Path(__file__).resolve().parent
        for p in sorted(pkg.rglob("*.py")):
            h.update(str(p.relative_to(pkg)).encode())
            h.update(p.read_bytes())
        _code = h.hexdigest()
    return _code


def _same_signature(path: str | Path, sig: Signature | None) -> bool:
    try:
        return sig is not None and signature(os.stat(path)) == sig
    except OSError:
        return False


def unchanged(path: str | Path, sig: Signature | None, expected: str, cap: int = DEFAULT_CAP) -> bool:
    """Whether a file still holds the bytes whose digest is `expected`: by its signature when one was
    recorded and still matches (no read; any write moves the ctime), else by reading and hashing it
    (a regular file, at most `cap` bytes: a FIFO or a device planted meanwhile is a miss, never a wait)."""
    if _same_signature(path, sig):
        return True
    try:
        return digest(file_bytes(path, cap)) == expected
    except OSError:
        return False


class Entry:
    """One claim set's place in the cache, and the digest of the inputs known before loading."""

    def __init__(self, folder: Path, claims_dir: Path, codebook: Path, files: list[Path], options: tuple):
        from claimcheck import __version__

        if not stat.S_ISREG(os.stat(codebook).st_mode):  # a pipe the user named: read once, by the load
            raise ValueError("the codebook is not a regular file")
        self.where = repr((FORMAT, __version__, sys.version, str(claims_dir), str(claims_dir.resolve()),
                           str(codebook), str(Path(codebook).resolve()), options))
        self.folder = folder
        self.name = hashlib.blake2b(self.where.encode(), digest_size=16).hexdigest() + SUFFIX
        self.path = folder / self.name
        self.files = [Path(codebook), *files]
        self.cap = options[0] if options and type(options[0]) is int else DEFAULT_CAP
        self.stats: dict[str, tuple[Signature, str]] = {}  # per input file, for the next run to skip reading it
        self._inputs: str | None = None
        self.stored_id: str | None = None  # the id of the entry store() wrote

    def inputs(self, known: dict[str, tuple[Signature, str]], reads: dict[str, tuple] | None = None) -> str:
        """The digest of every input file's name and bytes (and the code that reads them), computed
        once, and never from bytes read after the load read them: a file changed meanwhile is then
        a miss next time, never a stale hit. Files whose signature matches `known` (the stored
        entry's) are not read again; nor are those in `reads`, (signature, digest) of the very
        bytes the load parsed."""
        if self._inputs is None:
            import yaml

            from claimcheck.claimset.files import read_capped

            h = hashlib.blake2b(digest_size=20)
            for part in (self.where, _code_digest(), yaml.__version__):
                h.update(part.encode())
                h.update(b"\0")
            for f in self.files:
                key = str(f)
                old = known.get(key)
                d = sig = None
                if reads is not None and key in reads:
                    sig, d = reads[key]
                elif old is not None and _same_signature(f, old[0]):
                    sig, d = old
                if d is None:
                    data, st = read_capped(f, self.cap)  # a regular file, at most the cap: else no entry
                    sig = signature(st)  # before the read: a later write changes it
                    d = digest(data)
                if sig is not None:
                    self.stats[key] = (sig, d)
                h.update(f"\0{f.name}\0{d}".encode())
            self._inputs = h.hexdigest()
        return self._inputs

    def load(self, articles_unchanged, body: bool | Callable[[dict], bool] = True) -> tuple[dict, ClaimSet | None] | None:
        """The stored header (counts, warnings, the entry's id) and claim set if no input changed
        (`articles_unchanged(articles, cap)` checks the articles); the claim set is read only if
        `body` is true or, given a function, says so of the header (None when not read). On a miss
        the inputs' digest is keyed at store() by the bytes the load reads, unless a stored entry's
        inputs were taken here."""
        was = gc.isenabled()
        gc.disable()  # decoding makes millions of objects and no cycles: no collection needed meanwhile
        opened = None
        try:
            opened = cachefile.open_file(self.folder, self.name, "entry", FORMAT)
            if opened is None:
                return None
            header = _header_in(opened.header)
            if header["inputs"] != self.inputs(header["stats"]):
                return None
            if not articles_unchanged(header["articles"], self.cap):
                return None
            claim_set = None
            if callable(body):
                body = bool(body(header))
            if body:
                meta = json.loads(opened.section(0))
                codec.check(type(meta) is dict, "the entry's codebook and sources")
                codebook, sources, root = codec.codebook_in(meta.get("codebook")), codec.sources_in(meta.get("sources")), \
                    codec.text(meta.get("root"))
                claims: list = []
                for i in range(1, len(opened.places)):
                    claims.extend(claimpack.loads(opened.section(i)))
                codec.check(len(claims) == header["claims"], "the number of claims")
                claim_set = ClaimSet(codebook, sources, tuple(claims), root)
        except Exception:  # a missing, partial, foreign or outdated entry is a miss, whatever went wrong
            return None
        finally:
            if opened is not None:
                opened.close()
            if was:
                gc.enable()
        return header, claim_set

    def store(self, header: dict, meta: tuple, parts: list, articles: Iterable[ArticleDigest],
              reads: dict[str, tuple] | None = None) -> None:
        """Write the entry in one step (a reader never sees half of it); failing to is not an error.

        `meta` is (codebook, sources, root); `parts` the claims in order, as lists or as bytes a
        worker already encoded (claimpack.py; written as they are); `reads` the (signature, digest)
        of each input file as the load read it. The header comes first, so a command that needs only
        the counts and warnings reads no further."""
        if self._inputs is None:
            if reads is None or any(str(f) not in reads for f in self.files):
                return  # an input the load did not read: reading it now could key old claims by new bytes
            self.inputs({}, reads)
        entry_id = os.urandom(16).hex()  # what files derived from this entry name it by (topicfile.py)
        try:
            codebook, sources, root = meta
            head = {"format": FORMAT, "claims": header["claims"], "sources": header["sources"],
                    "topics": header["topics"], "warnings": codec.problems_out(header["warnings"]), "id": entry_id,
                    "inputs": self._inputs, "stats": {k: [list(sig), d] for k, (sig, d) in self.stats.items()},
                    "articles": [[t, r, d, list(sig) if sig is not None else None] for t, r, d, sig in articles]}
            sections = [json.dumps({"codebook": codec.codebook_out(codebook), "sources": codec.sources_out(sources),
                                    "root": root}, ensure_ascii=False).encode("utf-8", "surrogatepass")]
            sections += [p if isinstance(p, bytes) else claimpack.dumps(p) for p in parts]
        except (TypeError, ValueError, UnicodeError):  # something the format cannot hold: no entry
            return
        if cachefile.write(self.folder, self.name, "entry", head, sections):
            self.stored_id = entry_id
            prune(self.folder, keep=self.name)


def _sig_in(x) -> Signature | None:
    if x is None:
        return None
    codec.check(type(x) is list and len(x) == 5 and all(type(i) is int for i in x), "a signature")
    return tuple(x)  # type: ignore[return-value]


def _header_in(h: dict) -> dict:
    """The entry's header with every field's type checked (codec.py): counts, warnings, id, inputs, stats, articles."""
    out = {k: codec.integer(h.get(k)) for k in ("claims", "sources", "topics")}
    out["warnings"] = codec.problems_in(h.get("warnings"))
    out["id"] = codec.text(h.get("id"))
    out["inputs"] = codec.text(h.get("inputs"))
    stats = h.get("stats")
    codec.check(type(stats) is dict, "the inputs' signatures")
    out["stats"] = {codec.text(k): (_sig_in(codec.listed(v, 2)[0]), codec.text(v[1])) for k, v in stats.items()}
    out["articles"] = [(codec.text(t), codec.text(r), codec.text(d), _sig_in(sig))
                       for t, r, d, sig in (codec.listed(a, 4) for a in codec.listed(h.get("articles")))]
    return out


COMPANION = ".topics"  # topicfile.py: a file derived from an entry, removed with it


def prune(folder: Path, keep: str | None = None) -> None:
    """Remove the oldest entries (each with its companion) while there are too many or they take too
    much room; only claimcheck's own files (cachefile.prune). Age is the time of writing: touching an
    entry on every hit cost a second at a million claims (the write waits for the entry's pages to
    reach the disk)."""
    cachefile.prune(folder, "entry", keep or "", MAX_ENTRIES, cachefile.budget(), companions=("topics",))


# --------------------------------------------------------------------------- a command's output, beside its entry

OUTPUT_FORMAT = 1
MAX_OUTPUTS = 8  # rendered outputs kept, least recently used removed first


def _output_name(entry_name: str, key: str) -> str:
    return hashlib.blake2b(f"{entry_name}\0{key}".encode(), digest_size=16).hexdigest() + ".output"


def read_output(folder: Path, entry_name: str, entry_id: str, key: str) -> tuple[dict, bytes] | None:
    """The output stored for this entry (by the id of its current write) and these options, and what
    was noted with it; None if there is none (or it is another entry's, or damaged)."""
    name = _output_name(entry_name, key)
    opened = cachefile.open_file(folder, name, "output", OUTPUT_FORMAT)
    if opened is None:
        return None
    try:
        h = opened.header
        if h.get("entry") != entry_id or h.get("key") != key or len(opened.places) != 1 or type(h.get("meta")) is not dict:
            return None
        data = opened.section(0)
    except Exception:
        return None
    finally:
        opened.close()
    cachefile.touch(folder, name)
    return h["meta"], data


def write_output(folder: Path, entry_name: str, entry_id: str, key: str, meta: dict, data: bytes) -> None:
    """Keep a command's output beside the entry it was computed from; failing to is not an error."""
    name = _output_name(entry_name, key)
    if cachefile.write(folder, name, "output", {"format": OUTPUT_FORMAT, "entry": entry_id, "key": key, "meta": meta},
                       [data]):
        cachefile.prune(folder, "output", name, MAX_OUTPUTS, cachefile.budget())
