"""Plain PyTorch Llama/Qwen2 with LoRA: the reference LlmScaleBench times tunebook against.

Written from transformers' LlamaForCausalLM and Qwen2ForCausalLM (RMSNorm, RoPE with the default,
linear and llama3 frequency scaling, grouped-query attention, q/k/v biases for qwen2, SwiGLU MLP,
tied or separate lm_head) and PEFT's LoRA (lora_A [r, in], lora_B [out, r], scaling alpha / r,
no dropout). No transformers or safetensors package: Debian's python3-torch has neither, so the
safetensors header is parsed here and tensors are viewed over an mmap of the file, as the
safetensors library does, then widened to float32 (tunebook's CPU dtype).

Commands (each prints "key value..." lines on stdout; one command per process so that peak RSS,
VmHWM, is the command's own):
  info                                   torch version, threads, the BLAS that runs
  logits   --model DIR [--adapter DIR] --ids 1,2,3 --out FILE   float32 logits, little-endian
  load     --model DIR                   seconds to load, peak RSS
  lora     --model DIR --steps N --warmup W --batch B --length L --rank R
  generate --model DIR --batch B --prompt P --new N --repeats R
"""

import argparse
import json
import math
import mmap
import os
import statistics
import struct
import sys
import time

import torch
from torch import nn

DTYPES = {"BF16": torch.bfloat16, "F16": torch.float16, "F32": torch.float32}


def read_safetensors(path, into):
    with open(path, "rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(size))
        mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    base = 8 + size
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = DTYPES[info["dtype"]]
        count = (end - start) // torch.tensor([], dtype=dtype).element_size()
        raw = torch.frombuffer(mm, dtype=dtype, count=count, offset=base + start)
        into[name] = raw.reshape(info["shape"]).float()
    return into


def read_folder(folder):
    tensors = {}
    index = os.path.join(folder, "model.safetensors.index.json")
    if os.path.exists(index):
        with open(index) as f:
            for shard in sorted(set(json.load(f)["weight_map"].values())):
                read_safetensors(os.path.join(folder, shard), tensors)
    else:
        read_safetensors(os.path.join(folder, "model.safetensors"), tensors)
    return tensors


def rope_frequencies(cfg):
    head_dim = cfg.get("head_dim") or cfg["hidden_size"] // cfg["num_attention_heads"]
    rope = cfg.get("rope_parameters") or cfg.get("rope_scaling") or {}
    theta = rope.get("rope_theta", cfg.get("rope_theta", 10000.0))
    inv = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.int64).float() / head_dim))
    kind = rope.get("rope_type", rope.get("type", "default"))
    if kind == "linear":
        inv = inv / rope["factor"]
    elif kind == "llama3":  # transformers' _compute_llama3_parameters, written out
        factor, low, high = rope["factor"], rope["low_freq_factor"], rope["high_freq_factor"]
        old = rope["original_max_position_embeddings"]
        low_wavelen, high_wavelen = old / low, old / high
        wavelen = 2 * math.pi / inv
        scaled = torch.where(wavelen > low_wavelen, inv / factor, inv)
        smooth = (old / wavelen - low) / (high - low)
        smoothed = (1 - smooth) * scaled / factor + smooth * scaled
        medium = ~(wavelen < high_wavelen) * ~(wavelen > low_wavelen)
        inv = torch.where(medium, smoothed, scaled)
    elif kind != "default":
        raise SystemExit(f"rope_type {kind} not supported by the reference")
    return inv, head_dim


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class LoraLinear(nn.Module):
    def __init__(self, base, rank, alpha):
        super().__init__()
        self.base = base
        self.lora_A = nn.Linear(base.in_features, rank, bias=False)
        self.lora_B = nn.Linear(rank, base.out_features, bias=False)
        nn.init.kaiming_uniform_(self.lora_A.weight, a=math.sqrt(5))
        nn.init.zeros_(self.lora_B.weight)
        self.scaling = alpha / rank

    def forward(self, x):
        return self.base(x) + self.lora_B(self.lora_A(x)) * self.scaling


class RMSNorm(nn.Module):
    def __init__(self, size, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(size))
        self.eps = eps

    def forward(self, x):
        return self.weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps))


class Attention(nn.Module):
    def __init__(self, cfg, head_dim, bias):
        super().__init__()
        h, self.heads, self.kv = cfg["hidden_size"], cfg["num_attention_heads"], cfg["num_key_value_heads"]
        self.head_dim = head_dim
        self.q_proj = nn.Linear(h, self.heads * head_dim, bias=bias)
        self.k_proj = nn.Linear(h, self.kv * head_dim, bias=bias)
        self.v_proj = nn.Linear(h, self.kv * head_dim, bias=bias)
        self.o_proj = nn.Linear(self.heads * head_dim, h, bias=False)

    def forward(self, x, cos, sin, mask, cache):
        b, n, _ = x.shape
        q = self.q_proj(x).view(b, n, self.heads, self.head_dim).transpose(1, 2)
        k = self.k_proj(x).view(b, n, self.kv, self.head_dim).transpose(1, 2)
        v = self.v_proj(x).view(b, n, self.kv, self.head_dim).transpose(1, 2)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        if cache is not None:
            if "k" in cache:
                k, v = torch.cat((cache["k"], k), 2), torch.cat((cache["v"], v), 2)
            cache["k"], cache["v"] = k, v
        groups = self.heads // self.kv
        k, v = k.repeat_interleave(groups, 1), v.repeat_interleave(groups, 1)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim)
        if mask is not None:
            scores = scores + mask
        out = torch.matmul(scores.softmax(-1), v).transpose(1, 2).reshape(b, n, -1)
        return self.o_proj(out)


class Layer(nn.Module):
    def __init__(self, cfg, head_dim, bias):
        super().__init__()
        h, i, eps = cfg["hidden_size"], cfg["intermediate_size"], cfg["rms_norm_eps"]
        self.input_layernorm = RMSNorm(h, eps)
        self.self_attn = Attention(cfg, head_dim, bias)
        self.post_attention_layernorm = RMSNorm(h, eps)
        self.mlp = nn.Module()
        self.mlp.gate_proj = nn.Linear(h, i, bias=False)
        self.mlp.up_proj = nn.Linear(h, i, bias=False)
        self.mlp.down_proj = nn.Linear(i, h, bias=False)

    def forward(self, x, cos, sin, mask, cache):
        x = x + self.self_attn(self.input_layernorm(x), cos, sin, mask, cache)
        m = self.post_attention_layernorm(x)
        return x + self.mlp.down_proj(nn.functional.silu(self.mlp.gate_proj(m)) * self.mlp.up_proj(m))


class CausalLM(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.inv, head_dim = rope_frequencies(cfg)
        bias = cfg["model_type"] == "qwen2" or cfg.get("attention_bias", False)
        self.model = nn.Module()
        self.model.embed_tokens = nn.Embedding(cfg["vocab_size"], cfg["hidden_size"])
        self.model.layers = nn.ModuleList(Layer(cfg, head_dim, bias) for _ in range(cfg["num_hidden_layers"]))
        self.model.norm = RMSNorm(cfg["hidden_size"], cfg["rms_norm_eps"])
        self.tied = cfg.get("tie_word_embeddings", False)
        if not self.tied:
            self.lm_head = nn.Linear(cfg["hidden_size"], cfg["vocab_size"], bias=False)

    def hidden(self, ids, start=0, caches=None):
        n = ids.shape[1]
        angles = torch.arange(start, start + n).float()[:, None] * self.inv[None, :]
        emb = torch.cat((angles, angles), -1)
        cos, sin = emb.cos()[None, None], emb.sin()[None, None]
        mask = None
        if n > 1:
            mask = torch.full((n, start + n), float("-inf")).triu(start + 1)[None, None]
        x = self.model.embed_tokens(ids)
        for i, layer in enumerate(self.model.layers):
            x = layer(x, cos, sin, mask, None if caches is None else caches[i])
        return self.model.norm(x)

    def head(self, x):
        weight = self.model.embed_tokens.weight if self.tied else self.lm_head.weight
        return torch.matmul(x, weight.t())


def build(folder, adapter=None, rank=0, alpha=0.0):
    with open(os.path.join(folder, "config.json")) as f:
        cfg = json.load(f)
    # Parameters are created uninitialised (untouched pages cost no RSS) and then replaced by the
    # loaded tensors, so the weights exist once, as tunebook holds them.
    saved = nn.Linear.reset_parameters, nn.Embedding.reset_parameters
    nn.Linear.reset_parameters = nn.Embedding.reset_parameters = lambda self: None
    try:
        model = CausalLM(cfg)
    finally:
        nn.Linear.reset_parameters, nn.Embedding.reset_parameters = saved
    tensors = read_folder(folder)
    params = dict(model.named_parameters())
    for name, param in params.items():
        if name not in tensors:
            raise SystemExit(f"{name} missing from the checkpoint in {folder}")
        param.data = tensors.pop(name)
    model.requires_grad_(False)
    if adapter:
        with open(os.path.join(adapter, "adapter_config.json")) as f:
            acfg = json.load(f)
        tensors = read_safetensors(os.path.join(adapter, "adapter_model.safetensors"), {})
        apply_lora(model, acfg["target_modules"], acfg["r"], acfg["lora_alpha"])
        for name, value in tensors.items():
            owner, leaf = name.replace("base_model.model.", "", 1)[: -len(".weight")].rsplit(".", 1)
            getattr(model.get_submodule(owner), leaf).weight.data.copy_(value)
    elif rank:
        targets = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
        apply_lora(model, targets, rank, alpha)
    return cfg, model


def apply_lora(model, targets, rank, alpha):
    for name, module in list(model.named_modules()):
        for child_name, child in list(module.named_children()):
            if isinstance(child, nn.Linear) and child_name in targets:
                setattr(module, child_name, LoraLinear(child, rank, alpha))


def bench_ids(batch, length, vocab):
    """Token ids the Java side computes the same way."""
    return torch.tensor([[(r * 131 + i * 7919 + 13) % (vocab - 1) for i in range(length)] for r in range(batch)])


def peak_rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def blas():
    target = "unknown"
    for link in ("/etc/alternatives/libblas.so.3-x86_64-linux-gnu", "/etc/alternatives/libblas.so.3"):
        if os.path.exists(link):
            target = os.path.realpath(link)
            break
    shown = [l.strip() for l in torch.__config__.show().splitlines() if "BLAS" in l]
    return target, "; ".join(shown)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("command")
    p.add_argument("--model")
    p.add_argument("--adapter")
    p.add_argument("--ids")
    p.add_argument("--out")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--steps", type=int, default=3)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--batch", type=int, default=2)
    p.add_argument("--length", type=int, default=128)
    p.add_argument("--rank", type=int, default=16)
    p.add_argument("--alpha", type=float, default=32)
    p.add_argument("--prompt", type=int, default=128)
    p.add_argument("--new", type=int, default=64)
    p.add_argument("--repeats", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    if a.command == "info":
        target, shown = blas()
        print(f"torch {torch.__version__} threads {torch.get_num_threads()}")
        print(f"blas {target} | {shown}")
        return
    if a.command == "logits":
        cfg, model = build(a.model, adapter=a.adapter)
        ids = torch.tensor([[int(t) for t in a.ids.split(",")]])
        with torch.no_grad():
            logits = model.head(model.hidden(ids))
        with open(a.out, "wb") as f:
            f.write(logits.contiguous().numpy().astype("<f4").tobytes())
        print("logits", logits.numel())
        return
    if a.command == "load":
        start = time.perf_counter()
        cfg, model = build(a.model)
        print("load_s", time.perf_counter() - start)
        print("peak_rss_kb", peak_rss_kb())
        return
    if a.command == "lora":
        cfg, model = build(a.model, rank=a.rank, alpha=a.alpha)
        trainable = [p for p in model.parameters() if p.requires_grad]
        opt = torch.optim.AdamW(trainable, lr=1e-4, weight_decay=0.0)
        ids = bench_ids(a.batch, a.length, cfg["vocab_size"])
        times, phases = [], []
        for step in range(a.warmup + a.steps):
            start = time.perf_counter()
            logits = model.head(model.hidden(ids)[:, :-1])
            loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), ids[:, 1:].reshape(-1))
            forward = time.perf_counter()
            loss.backward()
            backward = time.perf_counter()
            opt.step()
            opt.zero_grad(set_to_none=True)
            if step >= a.warmup:
                end = time.perf_counter()
                times.append((end - start) * 1000)
                phases.append(((forward - start) * 1000, (backward - forward) * 1000, (end - backward) * 1000))
            del logits, loss
        print("trainable", sum(p.numel() for p in trainable))
        print("step_ms", " ".join(f"{t:.1f}" for t in times))
        print("median_ms", statistics.median(times))
        f, b, o = (statistics.median(p[i] for p in phases) for i in range(3))
        print("phases_ms", f"forward+loss {f:.0f} ms, backward {b:.0f} ms, AdamW {o:.0f} ms")
        print("peak_rss_kb", peak_rss_kb())
        return
    if a.command == "generate":
        cfg, model = build(a.model)
        ids = bench_ids(a.batch, a.prompt, cfg["vocab_size"])
        rates = []
        with torch.no_grad():
            for _ in range(a.repeats):
                start = time.perf_counter()
                caches = [{} for _ in model.model.layers]
                hidden = model.hidden(ids, 0, caches)
                token = model.head(hidden[:, -1:]).argmax(-1)
                for i in range(1, a.new):
                    hidden = model.hidden(token, a.prompt + i - 1, caches)
                    token = model.head(hidden).argmax(-1)
                rates.append(a.batch * a.new / (time.perf_counter() - start))
        print("tokens_per_s", statistics.median(rates))
        print("peak_rss_kb", peak_rss_kb())
        return
    raise SystemExit(f"unknown command {a.command}")


if __name__ == "__main__":
    main()
