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

The entry is a pickle, read only from a file owned by the current user that no one else can
write: anyone who can write there could already change what the user runs.
Environment: CLAIMCHECK_CACHE=0 turns it off; CLAIMCHECK_CACHE_DIR moves it
(default $XDG_CACHE_HOME/claimcheck or ~/.cache/claimcheck). One entry is kept per claim-set
folder; the oldest (by when they were written) are removed once all together pass
CLAIMCHECK_CACHE_MAX_MB (default 2048) or 64 entries, each with its companion (checkset.py),
which names the entry by the id drawn at each write.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import stat
import sys
import time
from pathlib import Path
from typing import BinaryIO, Callable, Iterable

from . import claimpack
from .model import ClaimSet

FORMAT = 4  # 2: a header with counts and warnings, then the claims in parts; 3: the header holds the entry's id; 4: parts in columns (claimpack.py)
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


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def file_bytes(path: str | Path) -> bytes:
    with open(path, "rb") as f:
        return f.read()


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


Signature = tuple[int, int, int, int, int]  # size, mtime and ctime (ns), inode, device
#: A file changed this recently is not vouched for by its signature: a write later in the same clock
#: tick would leave the same times (git's "racily clean" files); its bytes are read and hashed instead.
RACY_NS = 2_000_000_000


def signature(st: os.stat_result) -> Signature | None:
    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) < RACY_NS:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def _same_signature(path: str | Path, sig: Signature | None) -> bool:
    try:
        return sig is not None and signature(os.stat(path)) == sig
    except OSError:
        return False


def unchanged(path: str | Path, sig: Signature | None, expected: str) -> bool:
    """Whether a file still holds the bytes whose digest is `expected`: by its signature when one was
    recorded and still matches (no read; any write moves the ctime), else by reading and hashing it."""
    if _same_signature(path, sig):
        return True
    try:
        return digest(file_bytes(path)) == expected
    except OSError:
        return False


class Entry:
    """One claim set's place in the cache, and the digest of the inputs known before loading."""

    def __init__(self, folder: Path, claims_dir: Path, codebook: Path, files: list[Path], options: tuple):
        from . import __version__

        self.where = repr((FORMAT, __version__, sys.version, str(claims_dir), str(claims_dir.resolve()),
                           str(codebook), str(Path(codebook).resolve()), options))
        self.path = folder / (hashlib.blake2b(self.where.encode(), digest_size=16).hexdigest() + ".pickle")
        self.files = [Path(codebook), *files]
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
                    with open(f, "rb") as fh:
                        sig = signature(os.fstat(fh.fileno()))  # before the read: a later write changes it
                        d = digest(fh.read())
                if sig is not None:
                    self.stats[key] = (sig, d)
                h.update(f"\0{f.name}\0{d}".encode())
            self._inputs = h.hexdigest()
        return self._inputs

    def load(self, articles_unchanged, body: bool | Callable[[dict], bool] = True) -> tuple[dict, ClaimSet | None] | None:
        """The stored header (counts, warnings, the entry's id) and claim set if no input changed
        (`articles_unchanged` checks the articles); the claim set is read only if `body` is true or,
        given a function, says so of the header (None when not read). On a miss the inputs' digest
        is keyed at store() by the bytes the load reads, unless a stored entry's inputs were taken here."""
        was = gc.isenabled()
        gc.disable()  # unpickling makes millions of objects and no cycles: no collection needed meanwhile
        try:
            try:
                st = os.stat(self.path)
            except FileNotFoundError:
                return None
            if not trusted(st):
                return None
            with open(self.path, "rb") as f:
                header = pickle.load(f)
                if not isinstance(header, dict):
                    header = {}
                stats = header.get("stats")
                if header.get("inputs") != self.inputs(stats if isinstance(stats, dict) else {}):
                    return None
                if not articles_unchanged(header["articles"]):
                    return None
                claim_set = None
                if callable(body):
                    body = bool(body(header))
                if body:
                    codebook, sources, root = pickle.load(f)
                    claims: list = []
                    for part in pickle.load(f):
                        claims.extend(claimpack.loads(part))
                    claim_set = ClaimSet(codebook, sources, tuple(claims), root)
        except Exception:  # a missing, partial, foreign or outdated entry is a miss, whatever went wrong
            return None
        finally:
            if was:
                gc.enable()
        if body and not isinstance(claim_set, ClaimSet):
            return None
        return header, claim_set

    def store(self, header: dict, meta: tuple, parts: list, articles: Iterable[ArticleDigest],
              reads: dict[str, tuple] | None = None) -> None:
        """Write the entry in one step (a reader never sees half of it); failing to is not an error.

        `meta` is (codebook, sources, root); `parts` the claims in order, as lists or as bytes a
        worker already pickled (written as they are); `reads` the (signature, digest) of each input
        file as the load read it. The header comes first, so a command that needs only the counts
        and warnings reads no further."""
        if self._inputs is None:
            if reads is None or any(str(f) not in reads for f in self.files):
                return  # an input the load did not read: reading it now could key old claims by new bytes
            self.inputs({}, reads)
        entry_id = os.urandom(16).hex()  # what files derived from this entry name it by (checkset.py)

        def write(f) -> None:
            pickle.dump({**header, "id": entry_id, "inputs": self._inputs, "stats": self.stats, "articles": list(articles)},
                        f, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(meta, f, protocol=pickle.HIGHEST_PROTOCOL)
            blobs = [p if isinstance(p, bytes) else claimpack.dumps(p) for p in parts]
            pickle.dump(blobs, f, protocol=pickle.HIGHEST_PROTOCOL)

        if write_private(self.path, write):
            self.stored_id = entry_id
            prune(self.path.parent, keep=self.path)


def trusted(st: os.stat_result) -> bool:
    """Whether a cache file may be read: a regular file of the current user's that no one else can
    write (anyone who could write it could already change what the user runs)."""
    return stat.S_ISREG(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def write_private(path: Path, write: Callable[[BinaryIO], None]) -> bool:
    """Write a cache file in one step (a reader never sees half of it), readable by its owner only;
    False if it could not be written, which is never an error. The temporary file is a new one of our
    own: not one planted under its name, nor a link."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.replace(tmp, path)
        return True
    except Exception:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False


COMPANION = ".bytopic"  # checkset.SUFFIX: a file derived from an entry, removed with it


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def prune(folder: Path, keep: Path | None = None) -> None:
    """Remove the oldest entries while there are too many or they take too much room. Age is the time
    of writing: touching an entry on every hit cost a second at a million claims (the write waits
    for the entry's pages to reach the disk)."""
    try:
        limit = int(os.environ.get("CLAIMCHECK_CACHE_MAX_MB", "2048")) * 1024 * 1024
    except ValueError:
        limit = 2048 * 1024 * 1024
    try:
        entries = []
        for p in folder.glob("*.pickle"):
            st = p.stat()
            entries.append((st.st_mtime, st.st_size + _size(p.with_suffix(COMPANION)), p))
        entries.sort(reverse=True)  # most recent first
        total = 0
        for n, (_, size, p) in enumerate(entries):
            total += size
            if p != keep and (n >= MAX_ENTRIES or total > limit):
                p.unlink()
                p.with_suffix(COMPANION).unlink(missing_ok=True)
    except OSError:
        pass
