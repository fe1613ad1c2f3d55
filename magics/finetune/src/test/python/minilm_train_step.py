"""Times one fine-tuning step of an all-MiniLM-L6-v2-shaped BERT in PyTorch eager on CPU.

The step is the one MiniLmTrainStepBench times on DJL: forward in training mode (dropout 0.1),
mean pooling over the attention mask, a linear head to 2 classes, cross-entropy, backward,
global-norm clipping to 1.0 and an AdamW step. The module is plain torch.nn written to match
transformers' BertModel (hidden 384, 6 layers, 12 heads, intermediate 1536, vocab 30522, exact
erf GELU, post-LN, eps 1e-12); weights are random, which does not change the time.

Run alone:   python3 minilm_train_step.py [--steps N] [--warmup W] [--threads T] [--tiny]
             [--device cuda]   (waits for the GPU at each phase boundary, so phases add up)
Serve mode:  python3 minilm_train_step.py --serve   (one line "step" on stdin runs one step and
             prints its wall and CPU milliseconds, then
             the wall milliseconds of forward, backward, clipping and AdamW; used by MiniLmTrainStepBench to alternate with DJL)
"""

import argparse
import math
import statistics
import sys
import time

import torch
from torch import nn

HIDDEN, LAYERS, HEADS, INTERMEDIATE, VOCAB, POSITIONS = 384, 6, 12, 1536, 30522, 512
DROPOUT = 0.1
# The fixture tiny-bert (TinyStepOverheadBench): --tiny, with batch 2 x 8.
TINY = {"HIDDEN": 32, "LAYERS": 2, "HEADS": 4, "INTERMEDIATE": 64, "VOCAB": 1000,
        "POSITIONS": 64, "DROPOUT": 0.0}


class SelfAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.query = nn.Linear(HIDDEN, HIDDEN)
        self.key = nn.Linear(HIDDEN, HIDDEN)
        self.value = nn.Linear(HIDDEN, HIDDEN)
        self.dropout = nn.Dropout(DROPOUT)
        self.head_size = HIDDEN // HEADS

    def heads(self, x):
        b, n, _ = x.shape
        return x.view(b, n, HEADS, self.head_size).permute(0, 2, 1, 3)

    def forward(self, x, mask):
        q, k, v = self.heads(self.query(x)), self.heads(self.key(x)), self.heads(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_size) + mask
        probs = self.dropout(scores.softmax(-1))
        context = torch.matmul(probs, v).permute(0, 2, 1, 3).contiguous()
        return context.view(x.shape)


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.attention = SelfAttention()
        self.attention_dense = nn.Linear(HIDDEN, HIDDEN)
        self.attention_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.intermediate = nn.Linear(HIDDEN, INTERMEDIATE)
        self.output = nn.Linear(INTERMEDIATE, HIDDEN)
        self.output_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.dropout = nn.Dropout(DROPOUT)

    def forward(self, x, mask):
        a = self.dropout(self.attention_dense(self.attention(x, mask)))
        x = self.attention_norm(a + x)
        h = nn.functional.gelu(self.intermediate(x))
        return self.output_norm(self.dropout(self.output(h)) + x)


class MiniLmClassifier(nn.Module):
    def __init__(self, labels=2):
        super().__init__()
        self.words = nn.Embedding(VOCAB, HIDDEN)
        self.positions = nn.Embedding(POSITIONS, HIDDEN)
        self.token_types = nn.Embedding(2, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.dropout = nn.Dropout(DROPOUT)
        self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))
        self.head = nn.Linear(HIDDEN, labels)

    def forward(self, ids, mask):
        n = ids.shape[1]
        positions = torch.arange(n, device=ids.device).unsqueeze(0)
        x = self.words(ids) + self.positions(positions) + self.token_types(torch.zeros_like(ids))
        x = self.dropout(self.norm(x))
        extended = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        for layer in self.layers:
            x = layer(x, extended)
        weights = mask.unsqueeze(-1).float()
        pooled = (x * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
        return self.head(pooled)


def make_step(batch, length, device="cpu"):
    torch.manual_seed(0)
    model = MiniLmClassifier().to(device)
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
    ids = torch.tensor([[(1000 + (i * 7919) % 29000) % VOCAB for i in range(r * length, (r + 1) * length)]
                        for r in range(batch)])
    mask = torch.ones(batch, length, dtype=torch.long)
    labels = torch.tensor([r % 2 for r in range(batch)])
    ids, mask, labels = ids.to(device), mask.to(device), labels.to(device)

    def now():
        if device != "cpu":
            torch.cuda.synchronize()
        return time.perf_counter()

    def step():
        """Runs one step; returns wall and CPU ms, then wall ms of forward, backward, clip, AdamW."""
        start, cpu = now(), time.process_time()
        optimizer.zero_grad(set_to_none=True)
        loss = nn.functional.cross_entropy(model(ids, mask), labels)
        loss.item()
        forward = now()
        loss.backward()
        backward = now()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        clip = now()
        optimizer.step()
        end = now()
        marks = [start, forward, backward, clip, end]
        phases = [(b - a) * 1000 for a, b in zip(marks, marks[1:])]
        return [(end - start) * 1000, (time.process_time() - cpu) * 1000] + phases

    return step


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--length", type=int, default=32)
    parser.add_argument("--serve", action="store_true")
    parser.add_argument("--tiny", action="store_true", help="tiny-bert shapes, batch 2 x 8")
    parser.add_argument("--device", default="cpu", help="cpu or cuda")
    args = parser.parse_args()
    if args.tiny:
        globals().update(TINY)
        args.batch, args.length = 2, 8
    torch.set_num_threads(args.threads)
    if args.device != "cpu":
        torch.backends.cuda.matmul.allow_tf32 = False
    step = make_step(args.batch, args.length, args.device)
    if args.serve:
        print("ready", torch.__version__, torch.get_num_threads(), args.device, flush=True)
        for line in sys.stdin:
            if line.strip() != "step":
                break
            print(" ".join(f"{value:.3f}" for value in step()), flush=True)
        return
    for _ in range(args.warmup):
        step()
    results = [step() for _ in range(args.steps)]
    times = sorted(r[0] for r in results)
    p90 = times[min(len(times) - 1, int(0.9 * len(times)))]
    print(f"pytorch {torch.__version__} eager on {args.device}, {torch.get_num_threads()} threads,"
          f" batch {args.batch} x {args.length}, hidden {HIDDEN}: median {statistics.median(times):.3f}"
          f" ms/step, p90 {p90:.3f}, best {times[0]:.3f}, process cpu median "
          f"{statistics.median(r[1] for r in results):.3f} ms ({args.steps} steps)")
    names = ["forward+loss", "backward", "clip norm", "AdamW"]
    print("  wall medians: " + ", ".join(
        f"{name} {statistics.median(r[2 + i] for r in results):.3f}"
        for i, name in enumerate(names)))


if __name__ == "__main__":
    main()
