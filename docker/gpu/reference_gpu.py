"""The reference stack (transformers + peft + torch) on the card that tunebook's GPU checks use.

1. parity: the fixtures' computations redone on --device and compared with the fixtures (made on
   the CPU): how far PyTorch itself moves on this card, the yardstick for tunebook's GPU parity.
2. step: one fine-tuning step of the MiniLM-shaped BERT of minilm_random.py (batch 32 x 32, mean
   pooling, linear head, cross-entropy, clip 1.0, AdamW 2e-5), full and LoRA (peft, r 8 on
   query/value), timed as MiniLmTrainStepBench times tunebook's: median and best ms per step.

    python3 reference_gpu.py --fixtures DIR --minilm DIR [--device cuda] [--steps 30]
Lines start with "parity" or "step" (run-gpu-checks.sh collects them). TF32 stays off.
"""

import argparse
import json
import os
import statistics
import time

import torch

torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False


def max_abs(a, b):
    return (a.detach().float().cpu() - b.detach().float().cpu()).abs().max().item()


def grad_report(named, ref):
    """Returns (tensors compared, max abs difference, elements over 1e-4 abs and 1e-3 rel)."""
    matched, worst, over = 0, 0.0, 0
    for name, p in named:
        want = ref.get("grad." + name)
        if want is None or p.grad is None:
            continue
        matched += 1
        want = want.float()
        diff = (p.grad.detach().float().cpu() - want).abs()
        worst = max(worst, diff.max().item())
        over += int(((diff > 1e-4) & (diff > 1e-3 * want.abs())).sum().item())
    return matched, worst, over


def check(name, model, ref, device):
    ids, mask = ref["input_ids"].to(device), ref["attention_mask"].to(device)
    out = model(input_ids=ids, attention_mask=mask, labels=ref["labels"].to(device))
    logits = max_abs(out.logits, ref["logits"])
    want = ref["loss"].reshape(-1)[0].item()
    loss = abs(out.loss.item() - want) / max(abs(want), 1e-12)
    out.loss.backward()
    matched, grads, over = grad_report(model.named_parameters(), ref)
    ok = logits <= 1e-4 and loss <= 1e-5 and over == 0 and matched > 0
    print(f"parity {name}: logits max abs {logits:.2e}, loss rel {loss:.2e}, grads ({matched} "
          f"tensors) max abs {grads:.2e}, {over} over -> {'ok' if ok else 'OVER the tests tolerance'}")


def load(folder, device):
    import transformers
    with open(os.path.join(folder, "config.json")) as f:
        arch = json.load(f)["architectures"][0]
    cls = getattr(transformers, arch)
    model = cls.from_pretrained(folder, dtype=torch.float32, attn_implementation="eager")
    return model.to(device).eval()


def parity(fixtures, device):
    from safetensors.torch import load_file
    models = os.path.join(fixtures, "models")
    for name in sorted(os.listdir(models)):
        folder = os.path.join(models, name)
        check("model " + name, load(folder, device),
              load_file(os.path.join(folder, "reference.safetensors")), device)
    try:
        from peft import PeftModel
    except ImportError:
        print("parity adapters: not run, peft is not installed")
        PeftModel = None
    adapters = os.path.join(fixtures, "adapters") if PeftModel else None
    for name in sorted(os.listdir(adapters)) if adapters else []:
        folder = os.path.join(adapters, name)
        with open(os.path.join(folder, "reference.json")) as f:
            base = json.load(f).get("base", name.removesuffix("-lora"))
        model = PeftModel.from_pretrained(load(os.path.join(models, base), device), folder,
                                          is_trainable=True).to(device)
        check("adapter " + name, model, load_file(os.path.join(folder, "reference.safetensors")),
              device)
    with open(os.path.join(fixtures, "training", "optimizer_trajectories.json")) as f:
        for case in json.load(f):
            trajectory(fixtures, case, device)


def schedule(optimizer, name, steps):
    from transformers import get_cosine_schedule_with_warmup, get_linear_schedule_with_warmup
    if name == "constant":
        return torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: 1.0)
    kind, rest = name.split("_warmup(")
    warmup, total = (int(x) for x in rest.rstrip(")").split(" of "))
    make = get_linear_schedule_with_warmup if kind == "linear" else get_cosine_schedule_with_warmup
    return make(optimizer, warmup, total)


def trajectory(fixtures, case, device):
    from safetensors.torch import load_file
    folder = os.path.join(fixtures, "models", case["model"])
    model = load(folder, device)
    ref = load_file(os.path.join(folder, "reference.safetensors"))
    batch = {k: ref[k].to(device) for k in ("input_ids", "attention_mask", "labels")}
    optimizer = torch.optim.AdamW(model.parameters(), lr=case["lr"], betas=tuple(case["betas"]),
                                  eps=case["eps"], weight_decay=case["weight_decay"])
    steps = len(case["loss_per_step"])
    lr = schedule(optimizer, case["schedule"], steps)
    worst = 0.0
    for s in range(steps):
        optimizer.zero_grad()
        loss = model(**batch).loss
        loss.backward()
        worst = max(worst, abs(loss.item() - case["loss_per_step"][s]) / abs(case["loss_per_step"][s]))
        if case.get("clip_grad_norm"):
            torch.nn.utils.clip_grad_norm_(model.parameters(), case["clip_grad_norm"])
        optimizer.step()
        lr.step()
    with torch.no_grad():
        after = model(**batch).loss.item()
    worst = max(worst, abs(after - case["loss_after"]) / abs(case["loss_after"]))
    print(f"parity trajectory {case['name']}: worst loss rel {worst:.2e} -> "
          f"{'ok' if worst <= 1e-4 else 'OVER the tests tolerance'}")


def sync(device):
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def step_bench(minilm, device, steps, lora):
    from transformers import BertModel
    torch.manual_seed(0)
    encoder = BertModel.from_pretrained(minilm, add_pooling_layer=False, dtype=torch.float32)
    if lora:
        from peft import LoraConfig, get_peft_model
        encoder = get_peft_model(encoder, LoraConfig(r=8, lora_alpha=16, lora_dropout=0.0,
                                                     target_modules=["query", "value"]))
    encoder = encoder.to(device).train()
    head = torch.nn.Linear(384, 2).to(device)
    params = [p for p in list(encoder.parameters()) + list(head.parameters()) if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=2e-5)
    batch, length = 32, 32
    ids = torch.tensor([[1000 + (i * 7919) % 29000 for i in range(r * length, (r + 1) * length)]
                        for r in range(batch)], device=device)
    mask = torch.ones(batch, length, dtype=torch.long, device=device)
    labels = torch.tensor([r % 2 for r in range(batch)], device=device)
    times = []
    for i in range(steps + 5):
        sync(device)
        start = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        hidden = encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        weights = mask.unsqueeze(-1).float()
        pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
        loss = torch.nn.functional.cross_entropy(head(pooled), labels)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        sync(device)
        if i >= 5:
            times.append((time.perf_counter() - start) * 1000)
    name = "lora r8 query,value" if lora else "full"
    attention = getattr(encoder.config, "_attn_implementation", "?")
    print(f"step transformers {name} ({attention} attention) on {device}: median "
          f"{statistics.median(times):.3f} ms, best {min(times):.3f} ms, {len(params)} trainable "
          f"tensors, loss {loss.item():.4f} ({steps} steps)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--minilm", required=True)
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--steps", type=int, default=30)
    args = parser.parse_args()
    import transformers
    try:
        import peft
        peft_version = peft.__version__
    except ImportError:
        peft_version = "not installed"
    print(f"reference: torch {torch.__version__}, transformers {transformers.__version__}, "
          f"peft {peft_version}, device {args.device}"
          + (f" ({torch.cuda.get_device_name(0)})" if args.device.startswith("cuda") else ""))
    parity(args.fixtures, args.device)
    for lora in (False, True) if peft_version != "not installed" else (False,):
        step_bench(args.minilm, args.device, args.steps, lora)


if __name__ == "__main__":
    main()
