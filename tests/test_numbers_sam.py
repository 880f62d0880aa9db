"""Every number in docs/sam-3.md, recomputed from the exercises' reference solutions or checked
against a table of cited constants (each with its primary source).

Each assertion formats a value into the sentence the lesson uses and demands that sentence in
the Markdown: editing the prose (or the code) so that they disagree fails a test.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from helpers import ROOT, assert_claim, lesson, solution

SLUG = "sam-3"

# The lesson's fixed stand-in for SAM's random Gaussian matrix, shared with the exercise's
# checks, the explorer widget and the browser test.
G = np.array([[0.8, -1.3, 0.3, 2.1, -0.6, 1.0, -2.4, 0.5],
              [0.4, 0.9, -1.7, -0.2, 1.5, 2.2, 0.7, -1.1]])
CLICK = (342.0, 517.0)
SIZE = (1024, 1024)

# Cited figures. Sources:
#   SAM   = Kirillov et al., "Segment Anything", ICCV 2023 (arXiv 2304.02643), §3-§5 and the
#           segment-anything.com FAQ (encoder size and timing); code facebookresearch/segment-anything.
#   SAM2  = Ravi et al., "SAM 2: Segment Anything in Images and Videos", 2024 (arXiv 2408.00714),
#           and facebookresearch/sam2 sam2/configs/sam2.1/sam2.1_hiera_l.yaml.
#   SAM3  = Carion et al., "SAM 3: Segment Anything with Concepts", 2025 (arXiv 2511.16719),
#           the facebookresearch/sam3 README and model card.
#   COCO  = Lin et al., "Microsoft COCO: Common Objects in Context", ECCV 2014 (abstract).
CITED = {
    "sa1b_images": 11e6,            # SAM §5
    "sa1b_masks": 1.1e9,            # SAM §5
    "stage1_masks": "4.3M", "stage1_images": "120k",    # SAM §4, assisted-manual
    "stage2_masks": "5.9M", "stage2_images": "180k",    # SAM §4, semi-automatic
    "stage12_total": "10.2M",       # SAM §4
    "seconds_per_mask": (34, 14),   # SAM §4
    "retrained_stage1": "six",      # SAM §4 (retrained 6 times)
    "auto_grid": 32,                # SAM §4, 32 × 32 point grid
    "auto_share": "99.1%",          # SAM §5
    "vs_open_images": (11, 400),    # SAM §5: 11× more images, 400× more masks than Open Images
    "coco_instances": 2.5e6, "coco_images": 328e3,      # COCO abstract
    "encoder_params": "632M",       # SAM FAQ (ViT-H)
    "light_params": "4M",           # SAM FAQ (prompt encoder + mask decoder)
    "encoder_seconds": 0.15,        # SAM FAQ, NVIDIA A100
    "decoder_ms": 50,               # SAM §3 (web browser, CPU)
    "rounds_per_mask": 11,          # SAM §3 / appendix (simulated interactive training)
    "vit_width": 1280, "vit_blocks": 32, "global_blocks": 4, "patch": 16,  # build_sam.py vit_h
    "pe_bands": 128,                # prompt_encoder.py: PositionEmbeddingRandom(embed_dim // 2)
    "decoder_dim": 256, "decoder_heads": 8, "attn_downsample": 2,           # build_sam.py
    "mask_tokens": 4, "iou_tokens": 1,                                       # mask_decoder.py
    "upscaled_channels": 32,        # mask_decoder.py: transformer_dim // 8
    "mem_dim": 64, "mem_layers": 4, "num_maskmem": 7,                        # sam2.1 config
    "sav_videos": "50.9K", "sav_masklets": "642.6K",                        # SAM 2 abstract/§5
    "sam2_fewer_interactions": 3, "sam2_faster": 6,                         # SAM 2 abstract
    "sam3_params": "848M",          # SAM 3 paper / model card
    "sam3_ms": 30, "sam3_objects": 100, "sam3_gpu": "H200",                 # SAM 3 paper
    "sam3_concepts": "4M", "saco_concepts": "270K",                         # SAM 3 abstract/README
}


def minus(text: str) -> str:
    """The lesson writes negative numbers with a real minus sign."""
    return text.replace("-", "−")


def claim(template: str, *values, fmt: str = ".4f") -> None:
    formatted = [minus(format(v, fmt)) if not isinstance(v, str) else v for v in values]
    assert_claim(SLUG, template, *formatted)


def encode(points):
    return solution("sam-3/fourier-pe").fourier_encode(np.array(points, float), G, SIZE)


def focal(logit, target, **kwargs):
    return solution("sam-3/focal-loss").focal_loss(np.array([logit]), np.array([target]), **kwargs)


def logit(p):
    return math.log(p / (1 - p))


# -- the positional-encoding trace -------------------------------------------------------------

def test_the_matrix_in_the_lesson_the_checks_and_the_widget_is_the_same():
    rows = [" & ".join(f"{v:.1f}" for v in row) for row in G]  # LaTeX: ASCII minus
    assert_claim(SLUG, "{}\\\\\n    {}", *rows)
    checks = (ROOT / "exercises/sam-3/fourier-pe/checks.py").read_text()
    widget = (ROOT / "widgets/lesson/sam-pe.js").read_text()
    for source in (checks, widget):
        numbers = re.search(r"\[\s*\[([^\]]*)\],\s*\[([^\]]*)\]", source)
        got = np.array([[float(x) for x in numbers.group(i).split(",") if x.strip()]
                        for i in (1, 2)])
        np.testing.assert_array_equal(got, G)


def test_normalised_and_mapped_click():
    x, y = CLICK
    claim("$x/W$ = 342 / 1024 = {}", x / SIZE[1])
    claim("$y/H$ = 517 / 1024 = {}", y / SIZE[0])
    claim("$\\mathbf{{c}}$ = ({}, {})", 2 * x / SIZE[1] - 1, 2 * y / SIZE[0] - 1)


def test_first_two_bands():
    x, y = CLICK
    c = np.array([2 * x / SIZE[1] - 1, 2 * y / SIZE[0] - 1])
    proj = c @ G
    code = encode([CLICK])[0]
    claim("$\\mathbf{{c}}\\cdot G_{{:,1}}$ = {}", proj[0])
    claim("$\\theta_1 = 2\\pi \\times ({})$ = {} rad", f"{proj[0]:.4f}", 2 * math.pi * proj[0])
    claim("sin θ₁ = {}, cos θ₁ = {}", code[0], code[8])
    claim("$\\mathbf{{c}}\\cdot G_{{:,2}}$ = {}, $\\theta_2$ = {} rad", proj[1], 2 * math.pi * proj[1])
    claim("sin θ₂ = {}, cos θ₂ = {}", code[1], code[9])
    claim("cos θ₂ = {} says", code[9])
    assert code.shape == (16,)
    claim("the 16 numbers are the 8 sines, then the 8 cosines", )
    claim("SAM uses F = {} bands, so each click becomes a {}-dimensional vector",
          CITED["pe_bands"], 2 * CITED["pe_bands"], fmt="d")
    assert 2 * CITED["pe_bands"] == CITED["decoder_dim"]


def test_similarity_of_nearby_and_mirror_points():
    a, near, mirror = encode([CLICK, (374, 517), (682, 507)])
    assert (374, 517) == (CLICK[0] + 32, CLICK[1])
    assert (682, 507) == (SIZE[1] - CLICK[0], SIZE[0] - CLICK[1])
    claim("point 32 pixels to the right, (374, 517), has cosine similarity {}", a @ near / 8,
          fmt=".3f")
    claim("the mirror-image point (682, 507) has {}", a @ mirror / 8, fmt=".3f")


# -- architecture and shapes -------------------------------------------------------------------

def test_shape_trace():
    grid = 1024 // CITED["patch"]
    tokens = CITED["iou_tokens"] + CITED["mask_tokens"] + 2  # + click + padding point
    assert (grid, grid * grid, tokens) == (64, 4096, 7)
    claim("| 3 × 1024 × 1024 |")
    claim("{} tokens × {} (a 64 × 64 grid)", grid * grid, CITED["vit_width"], fmt="d")
    claim("{} ViT-H blocks (windowed + {} global attention)", CITED["vit_blocks"],
          CITED["global_blocks"], fmt="d")
    claim("| {} × 64 × 64 |", CITED["decoder_dim"], fmt="d")
    claim("1 IoU token + 4 mask tokens | {} × 256 |", CITED["iou_tokens"] + CITED["mask_tokens"],
          fmt="d")
    claim("output tokens ++ prompt tokens | {} × 256 |", tokens, fmt="d")
    claim("per head ({} heads) | {} × {} |", CITED["decoder_heads"], tokens, grid * grid, fmt="d")
    claim("| {} × 256 × 256 |", CITED["upscaled_channels"], fmt="d")
    claim("dot product with every pixel | {} × 256 × 256 |", CITED["mask_tokens"], fmt="d")
    claim("as **{} tokens**", tokens, fmt="d")
    claim("attention maps are {} × {}, per head, not 5 × 4096", tokens, grid * grid, fmt="d")
    inner = CITED["decoder_dim"] // CITED["attn_downsample"]
    claim("projects the 256 channels down to {} and splits them over {} heads of {} dimensions",
          inner, CITED["decoder_heads"], inner // CITED["decoder_heads"], fmt="d")
    claim("scores **{} × {}**", tokens, grid * grid, fmt="d")
    claim("scores **{} × {}**", grid * grid, tokens, fmt="d")
    claim("spread grows like √256 = {}", math.isqrt(CITED["decoder_dim"]), fmt="d")
    claim("upscaled\n{} times by two transposed convolutions to {} × 256 × 256", 256 // grid,
          CITED["upscaled_channels"], fmt="d")


def test_cited_model_sizes_and_timings():
    claim("DiT. It returns a 256 × 64 × 64 image embedding. {} parameters.", CITED["encoder_params"])
    claim("Prompt encoder and decoder together: about {} parameters.", CITED["light_params"])
    claim("about {} s for the image\n    encoder on an NVIDIA A100 GPU, and about {} ms",
          CITED["encoder_seconds"], CITED["decoder_ms"], fmt="g")
    ten = 10 * CITED["encoder_seconds"]
    claim("would spend {} s of A100 time instead of {} s", ten, CITED["encoder_seconds"], fmt="g")
    claim("{} rounds per mask", CITED["rounds_per_mask"], fmt="d")


# -- IoU and losses ----------------------------------------------------------------------------

def test_iou_example():
    target = np.zeros((4, 4))
    target[1:3, 1:3] = 1
    logits = np.full((4, 4), -3.0)
    logits[1:3, 1:4] = 3.0
    iou = solution("sam-3/mask-iou").mask_iou(logits, target)
    inter, union = int(target.sum()), int((logits > 0).sum())
    assert iou == pytest.approx(inter / union)
    claim("the intersection is\n{} pixels and the union {}", inter, union, fmt="d")
    claim("so IoU = {} / {} = {}", inter, union, f"{iou:.3f}", fmt="d")
    dice = 2 * inter / (inter + union)
    claim("2·{} / ({} + {}), is {}", inter, inter, union, f"{dice:g}", fmt="d")
    assert dice >= iou


def test_focal_table_and_ratios():
    easy = dict(logit=logit(0.05), target=0.0)
    hard = dict(logit=logit(0.1), target=1.0)
    e0, h0 = focal(**easy, alpha=None), focal(**hard, alpha=None)
    ea, ha = focal(**easy), focal(**hard)
    claim("| Easy background | 0 | 0.95 | {} | {} | {} | {} |", -math.log(0.95), 0.05 ** 2,
          f"{e0:.6f}", f"{ea:.7f}")
    claim("| Hard foreground | 1 | 0.1 | {} | {:g} | {} | {} |".replace("{:g}", "{}"),
          -math.log(0.1), f"{0.9 ** 2:g}", f"{h0:.4f}", f"{ha:.4f}")
    ce = focal(**hard, gamma=0.0, alpha=None) / focal(**easy, gamma=0.0, alpha=None)
    claim("the hard pixel counts {} times as much as the easy one", ce, fmt=".1f")
    claim("With the\nfocal term it counts **{}** times as much", f"{h0 / e0:,.0f}")
    claim("the exact ratio is {}", f"{h0 / e0:,.0f}")
    # the record's figure is the ratio of its rounded values 1.865 / 0.000128
    assert round(1.865 / 0.000128, -2) == 14600
    claim('the course record\'s "≈ 14,600"')
    claim("With α as well, the ratio drops to **{}**", f"{ha / ea:,.0f}")


def test_dice_trace_and_the_focal_value_next_to_it():
    t = np.array([[0, 1, 1], [0, 1, 1], [0, 0, 0]], dtype=float)
    z = np.where(t == 1, 2.0, -2.0)
    p = 1 / (1 + np.exp(-z))
    dice = solution("sam-3/dice-loss").dice_loss(z, t)
    claim("so p = {} on the square and {} elsewhere", p[0, 1], p[0, 0])
    claim("Σ p·t = {} and Σ p = {}, Σ t = {}", (p * t).sum(), p.sum(), f"{t.sum():g}")
    claim("1 − (2 × {} + 1) / ({} + {} + 1) = {}", (p * t).sum(), p.sum(), f"{t.sum():g}", dice)
    assert dice == pytest.approx(1 - (2 * (p * t).sum() + 1) / (p.sum() + t.sum() + 1))
    f = solution("sam-3/focal-loss").focal_loss(z, t)
    claim("({} for the 3 × 3 example above, against a dice loss of {})", f"{f:.5f}", dice)


def test_mask_loss_weights():
    claim("in a ratio of 20:1 of focal loss to dice loss")
    claim("20\\cdot \\mathcal{{L}}_{{\\text{{focal}}}} + 1\\cdot \\mathcal{{L}}_{{\\text{{dice}}}}")


# -- data engine and later models ----------------------------------------------------------------

def test_data_engine_numbers():
    c = CITED
    claim("the time per mask falls from {} to {} seconds", *c["seconds_per_mask"], fmt="d")
    claim("SAM is retrained {} times", c["retrained_stage1"])
    claim("Result: {} masks on {} images.", c["stage1_masks"], c["stage1_images"])
    claim("Result: {} more masks on {}\n    images, {} in total.", c["stage2_masks"],
          c["stage2_images"], c["stage12_total"])
    claim("regular {} × {} grid of points", c["auto_grid"], c["auto_grid"], fmt="d")
    claim("**1.1B masks on 11M images**, about {} masks per\n    image", c["sa1b_masks"] / c["sa1b_images"],
          fmt=".0f")
    claim("{} of SA-1B's masks come from this stage", c["auto_share"])
    claim("SA-1B has {} times more images and {} times more masks", *c["vs_open_images"], fmt="d")
    masks_ratio = c["sa1b_masks"] / c["coco_instances"]
    images_ratio = c["sa1b_images"] / c["coco_images"]
    claim("COCO reports 2.5M\nlabelled instances in 328k images")
    claim("SA-1B has about {} times more masks than COCO and about\n{} times more images",
          masks_ratio, images_ratio, fmt=".0f")
    claim("It learned,\n    from {} masks", "1.1B")
    claim("SA-1B** (11M images, 1.1B masks)")


def test_sam2_numbers():
    c = CITED
    per_frame = 64 * 64
    bank = c["num_maskmem"] * per_frame
    claim("projected to **{} channels**: one memory of\n    64 × 64 × 64, i.e. {} tokens × {}",
          c["mem_dim"], per_frame, c["mem_dim"], fmt="d")
    claim("(256 numbers, stored as {} tokens of {})", 256 // c["mem_dim"], c["mem_dim"], fmt="d")
    claim("keep\n    {} memory frames (`num_maskmem: {}`): up to {} × 4096 = {} spatial memory tokens"
          " of\n    {} numbers each",
          c["num_maskmem"], c["num_maskmem"], c["num_maskmem"], f"{bank:,}", c["mem_dim"], fmt="d")
    claim("go through {} transformer layers", c["mem_layers"], fmt="d")
    claim("projected from {} to 256 channels", c["mem_dim"], fmt="d")
    claim("\\underbrace{{K^\\top}}_{{256 \\times {}}}", f"{bank:,}".replace(",", "{,}"))
    claim("\\underbrace{{A}}_{{4096 \\times {}}}", f"{bank:,}".replace(",", "{,}"))
    claim("SA-V: {} videos with {}\nmasklets", c["sav_videos"], c["sav_masklets"])
    claim("with {}× fewer interactions", c["sam2_fewer_interactions"], fmt="d")
    claim("more accurate than SAM's and {}× faster", c["sam2_faster"], fmt="d")
    claim("64-channel memories, a FIFO bank, {} layers of memory attention", c["mem_layers"], fmt="d")


def test_sam3_numbers():
    c = CITED
    claim("give **{} parameters**", c["sam3_params"])
    claim("**{} ms for a single\nimage with more than {} detected objects on an NVIDIA {} GPU**",
          c["sam3_ms"], c["sam3_objects"], c["sam3_gpu"], fmt="d")
    claim("with over {} unique concept labels", c["sam3_concepts"])
    claim("SA-Co benchmark of {} unique concepts", c["saco_concepts"])
    claim("{} parameters, {} ms per image on an {}", c["sam3_params"], c["sam3_ms"], c["sam3_gpu"],
          fmt="d")
    assert c["sam3_params"] != "840M"  # the course record's figure, corrected


def test_every_exercise_of_the_lesson_is_embedded_once():
    page = lesson(SLUG)
    for name in ("fourier-pe", "focal-loss", "dice-loss", "mask-loss", "mask-iou", "cross-attention"):
        assert page.count(f'{{{{ exercise("sam-3/{name}") }}}}') == 1
    for widget in ("sam-pe", "sam-focal", "sam-masks"):
        assert page.count(f'<div data-widget="{widget}"></div>') == 1


def test_defaults_and_settings_named_in_the_prose():
    import inspect

    focal_defaults = inspect.signature(solution("sam-3/focal-loss").focal_loss).parameters
    gamma, alpha = focal_defaults["gamma"].default, focal_defaults["alpha"].default
    claim("γ = {} and α = {} (the defaults of Lin et al.", f"{gamma:g}", f"{alpha:g}")
    smooth = inspect.signature(solution("sam-3/dice-loss").dice_loss).parameters["smooth"].default
    claim("\\qquad s = {}", f"{smooth:g}")
    claim("(then it is 1 − 1/{} = 0, instead of 0/0)", f"{smooth:g}")
    # the stability check of the focal-loss exercise uses logits of ±1000
    checks = (ROOT / "exercises/sam-3/focal-loss/checks.py").read_text()
    assert "np.array([1000.0, -1000.0" in checks
    claim("a confident logit of {} makes", 1000, fmt="d")
    claim("stand-in with F = {} bands", G.shape[1], fmt="d")
    claim("cuts the {} × {} image into {} × {} patches", 1024, 1024, CITED["patch"], CITED["patch"],
          fmt="d")
    claim("Each of its {} layers", "two")  # build_sam.py: TwoWayTransformer(depth=2)
    claim("e.g. {} numbers for ImageNet", 1000, fmt="d")  # ImageNet-1k (ILSVRC) has 1000 classes
