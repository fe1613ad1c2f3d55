"""Reference (not a test): the linear probe of FineTuneAccuracyBench, trained by PyTorch itself.

Reads the frozen all-MiniLM-L6-v2 mean-pooled features ProbeEmbeddingsExport wrote (the same
tokenisation and encoder tunebook trains on; the encoder matches ONNX Runtime at cosine >= 0.9999)
and trains a linear head with the recipe of the issue: 4 epochs, batch 16 (shuffled each epoch),
torch.optim.AdamW (weight decay 0.01, not on the bias), 10 % warmup then linear decay per step,
gradient clipping to norm 1.0, the head initialised as transformers' BERT heads (normal std 0.02,
zero bias), best epoch by validation accuracy, test accuracy of that epoch.

Usage: python3 probe_reference.py FEATURES_DIR [--lr 1e-3 ...] [--seeds 0 1 2]
Prints test accuracy per lr and seed and the mean over seeds.
"""
import argparse
import os
import statistics

import torch
from torch import nn


def load(directory, split):
    raw = open(os.path.join(directory, split + ".f32"), "rb").read()
    features = torch.frombuffer(bytearray(raw), dtype=torch.float32).view(-1, 384).clone()
    labels = torch.tensor([int(x) for x in open(os.path.join(directory, split + ".labels"))])
    return features, labels


def accuracy(head, data):
    with torch.no_grad():
        return (head(data[0]).argmax(-1) == data[1]).float().mean().item()


def train(data, lr, seed, epochs=4, batch=16, warmup=0.1, clip=1.0, decay=0.01):
    torch.manual_seed(seed)
    features, labels = data["train"]
    head = nn.Linear(384, int(labels.max()) + 1)
    nn.init.normal_(head.weight, std=0.02)
    nn.init.zeros_(head.bias)
    optimizer = torch.optim.AdamW(
        [{"params": [head.weight], "weight_decay": decay},
         {"params": [head.bias], "weight_decay": 0.0}], lr=lr)
    steps_per_epoch = (len(labels) + batch - 1) // batch
    total = epochs * steps_per_epoch
    warm = int(warmup * total)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda s: s / max(1, warm) if s < warm else max(0.0, (total - s) / max(1, total - warm)))
    generator = torch.Generator().manual_seed(seed)
    best, best_test = -1.0, None
    for _ in range(epochs):
        order = torch.randperm(len(labels), generator=generator)
        for start in range(0, len(labels), batch):
            rows = order[start:start + batch]
            loss = nn.functional.cross_entropy(head(features[rows]), labels[rows])
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(head.parameters(), clip)
            optimizer.step()
            schedule.step()
        val = accuracy(head, data["val"])
        if val > best:
            best, best_test = val, accuracy(head, data["test"])
    return best, best_test


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("features")
    parser.add_argument("--lr", type=float, nargs="+", default=[5e-5, 1e-4, 2e-4, 5e-4, 1e-3])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    args = parser.parse_args()
    val_name = open(os.path.join(args.features, "validation-split-name")).read().strip()
    data = {"train": load(args.features, "train"), "val": load(args.features, val_name),
            "test": load(args.features, "test")}
    torch.set_num_threads(1)
    for lr in args.lr:
        tests = []
        for seed in args.seeds:
            val, test = train(data, lr, seed)
            tests.append(test)
            print("lr %g seed %d: val %.4f test %.4f" % (lr, seed, val, test), flush=True)
        print("lr %g: mean test accuracy %.4f over seeds %s" % (
            lr, statistics.mean(tests), args.seeds), flush=True)


if __name__ == "__main__":
    main()
