"""String distances for typo correction: pg_trgm's trigram similarity (so both engines correct alike) and
the optimal string alignment distance that picks among the candidates."""


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, swaps of neighbours."""
    previous2, previous = [], list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: padded with two spaces before and one after."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams of the words of both texts."""
    ta = set().union(*(trigrams(w) for w in a.split())) if a.split() else set()
    tb = set().union(*(trigrams(w) for w in b.split())) if b.split() else set()
    return len(ta & tb) / len(ta | tb) if ta | tb else 0.0


def word_similarity(query: str, text: str) -> float:
    """Close to pg_trgm's word_similarity(): the best similarity of `query` to a run of words of `text`."""
    size, text_words = len(query.split()), text.split()
    best = 0.0
    for width in {max(1, size - 1), size, size + 1}:
        for i in range(max(1, len(text_words) - width + 1)):
            best = max(best, similarity(query, " ".join(text_words[i : i + width])))
    return best
