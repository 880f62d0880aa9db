import numpy as np


def distill_step(student, teacher, full_view, partial_view, lr, momentum, tau_s, tau_t):
    """One step of self-distillation with a moving-average (EMA) teacher, at toy size.

    student, teacher: (dim, K) weights of two copies of the same linear encoder; the features
    of images X are X @ weights. full_view: (M, dim) the whole images; partial_view: (M, dim)
    the same M images seen partly (a crop, or half the patches masked).
    The teacher reads the full view and the student the partial view; each turns its features
    into a softmax over the K dimensions with its own temperature (tau_t for the teacher,
    tau_s for the student). The loss is the mean over the M images of
    -sum_k p_teacher[k] * log p_student[k].
    Take one gradient step of size lr on the student only, then move the teacher towards the
    student's new weights: teacher <- momentum * teacher + (1 - momentum) * student.
    Returns (new_student, new_teacher, loss), the loss as a float computed before the step.
    """
    raise NotImplementedError("score, learn, follow")


if __name__ == "__main__":  # runs on Run, not on Check
    rng = np.random.default_rng(0)
    student = rng.normal(size=(6, 4))
    teacher = student.copy()
    images = rng.normal(size=(8, 6))
    partial = images * (rng.random(images.shape) < 0.5)  # half of each image masked
    print(distill_step(student, teacher, images, partial, 0.1, 0.9, 0.1, 0.04)[2])
