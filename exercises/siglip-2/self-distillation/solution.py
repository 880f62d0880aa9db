import numpy as np


def log_softmax(z):
    """Row-wise log softmax, shifted by each row's maximum (no overflow)."""
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def distill_step(student, teacher, full_view, partial_view, lr, momentum, tau_s, tau_t):
    """Score (teacher on the full view, student on the partial one), learn, follow (EMA)."""
    p_teacher = np.exp(log_softmax(full_view @ teacher / tau_t))  # a fixed target: no gradient
    log_p_student = log_softmax(partial_view @ student / tau_s)
    loss = float(np.mean(-np.sum(p_teacher * log_p_student, axis=1)))
    # d loss / d student: the soft cross-entropy's (p_s - p_t), through the 1/tau_s and the view.
    grad = partial_view.T @ (np.exp(log_p_student) - p_teacher) / (tau_s * len(partial_view))
    new_student = student - lr * grad
    new_teacher = momentum * teacher + (1.0 - momentum) * new_student  # follows the new student
    return new_student, new_teacher, loss


if __name__ == "__main__":  # runs on Run, not on Check
    rng = np.random.default_rng(0)
    dim, k, m = 12, 6, 64
    centres = rng.normal(size=(4, dim)) * 2.0  # four kinds of "image"
    student = rng.normal(size=(dim, k)) * 0.1
    teacher = student.copy()  # SigLIP 2 starts the teacher as a copy of the student
    losses, agreement = [], []
    for _ in range(300):
        images = centres[rng.integers(0, 4, m)] + rng.normal(size=(m, dim)) * 0.3
        partial = images * (rng.random(images.shape) < 0.5)  # half of every image masked
        student, teacher, loss = distill_step(student, teacher, images, partial,
                                              lr=0.5, momentum=0.99, tau_s=0.1, tau_t=0.04)
        losses.append(loss)
        same = np.argmax(partial @ student, axis=1) == np.argmax(images @ teacher, axis=1)
        agreement.append(float(np.mean(same)))
    for step in (0, 99, 199, 299):
        print(f"step {step:3d}: loss {losses[step]:.3f}, student (partial view) agrees with "
              f"teacher (full view) on {agreement[step]:.0%} of the images")
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        plt = None
    if plt is not None:
        fig, ax = plt.subplots(figsize=(6, 3.4))
        ax.plot(losses, label="loss (student on partial view vs teacher on full view)")
        ax.set_xlabel("step")
        ax.set_ylabel("soft cross-entropy")
        ax.set_title("Self-distillation with an EMA teacher (toy)")
        ax.legend()
        fig.tight_layout()
        plt.show()
