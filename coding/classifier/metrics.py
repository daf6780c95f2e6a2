"""Evaluation figures for one head: accuracy, macro-F1, Cohen's kappa and the confusion matrix."""

from dataclasses import dataclass

from sklearn.metrics import accuracy_score, cohen_kappa_score, confusion_matrix, f1_score


@dataclass(frozen=True)
class HeadScores:
    head: str
    n: int
    accuracy: float
    macro_f1: float
    kappa: float
    labels: list[str]
    confusion: list[list[int]]

    def as_dict(self) -> dict:
        return {
            "n": self.n,
            "accuracy": self.accuracy,
            "macro_f1": self.macro_f1,
            "cohen_kappa": self.kappa,
            "labels": self.labels,
            "confusion": self.confusion,
        }

    def table(self) -> str:
        """The confusion matrix as text: rows are the true codes, columns the predicted ones."""
        width = max(len(label) for label in [*self.labels, "sand \\ forudsagt"]) + 2
        lines = ["sand \\ forudsagt".ljust(width) + "".join(label.rjust(width) for label in self.labels)]
        for label, row in zip(self.labels, self.confusion, strict=True):
            lines.append(label.ljust(width) + "".join(str(v).rjust(width) for v in row))
        return "\n".join(lines)


def head_scores(head: str, truth: list[str], predicted: list[str]) -> HeadScores:
    labels = sorted(set(truth) | set(predicted))
    kappa = cohen_kappa_score(truth, predicted, labels=labels) if len(labels) > 1 else 1.0
    return HeadScores(
        head=head,
        n=len(truth),
        accuracy=round(float(accuracy_score(truth, predicted)), 4),
        macro_f1=round(float(f1_score(truth, predicted, average="macro", labels=sorted(set(truth)))), 4),
        kappa=round(float(kappa), 4),
        labels=labels,
        confusion=confusion_matrix(truth, predicted, labels=labels).tolist(),
    )
