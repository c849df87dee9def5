"""claimcheck: compare what news sources claim about one event."""

__version__ = "0.1.0"

__all__ = ["__version__", "load_claim_set", "compare_claim_set"]


def __getattr__(name: str):
    # Lazy public API: `import claimcheck` stays cheap for `claimcheck --version`.
    if name == "load_claim_set":
        from claimcheck.claimset.load import load_claim_set

        return load_claim_set
    if name == "compare_claim_set":
        from claimcheck.compare import compare_claim_set

        return compare_claim_set
    raise AttributeError(name)
