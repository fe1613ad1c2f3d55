"""Writes a randomly initialised all-MiniLM-L6-v2-shaped BERT as a Hugging Face folder.

config.json + model.safetensors of a bare BertModel without pooler (hidden 384, 6 layers, 12 heads,
intermediate 1536, vocab 30522), weights N(0, 0.02), biases 0, LayerNorm 1, as transformers
initialises BERT. The GPU step benchmarks load the same folder in Java (tunebook) and in Python
(transformers, peft), so both time the same weights; for step times the values do not matter,
which is why no real checkpoint has to travel to the GPU host. Needs numpy only.

    python3 minilm_random.py OUT_DIR [--seed 0]
"""

import argparse
import json
import os
import struct

import numpy as np

HIDDEN, LAYERS, HEADS, INTERMEDIATE, VOCAB, POSITIONS, TYPES = 384, 6, 12, 1536, 30522, 512, 2


def shapes():
    yield "embeddings.word_embeddings.weight", (VOCAB, HIDDEN)
    yield "embeddings.position_embeddings.weight", (POSITIONS, HIDDEN)
    yield "embeddings.token_type_embeddings.weight", (TYPES, HIDDEN)
    yield "embeddings.LayerNorm.weight", (HIDDEN,)
    yield "embeddings.LayerNorm.bias", (HIDDEN,)
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."
        for name in ("attention.self.query", "attention.self.key", "attention.self.value",
                     "attention.output.dense"):
            yield p + name + ".weight", (HIDDEN, HIDDEN)
            yield p + name + ".bias", (HIDDEN,)
        yield p + "attention.output.LayerNorm.weight", (HIDDEN,)
        yield p + "attention.output.LayerNorm.bias", (HIDDEN,)
        yield p + "intermediate.dense.weight", (INTERMEDIATE, HIDDEN)
        yield p + "intermediate.dense.bias", (INTERMEDIATE,)
        yield p + "output.dense.weight", (HIDDEN, INTERMEDIATE)
        yield p + "output.dense.bias", (HIDDEN,)
        yield p + "output.LayerNorm.weight", (HIDDEN,)
        yield p + "output.LayerNorm.bias", (HIDDEN,)


def value(name, shape, rng):
    if "LayerNorm.weight" in name:
        return np.ones(shape, np.float32)
    if name.endswith(".bias"):
        return np.zeros(shape, np.float32)
    return rng.normal(0.0, 0.02, shape).astype(np.float32)


def write_safetensors(path, tensors):
    header, offset = {"__metadata__": {"format": "pt"}}, 0
    for name, array in tensors:
        header[name] = {"dtype": "F32", "shape": list(array.shape),
                        "data_offsets": [offset, offset + array.nbytes]}
        offset += array.nbytes
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text)
        for _, array in tensors:
            out.write(np.ascontiguousarray(array, "<f4").tobytes())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    write_safetensors(os.path.join(args.out, "model.safetensors"),
                      [(name, value(name, shape, rng)) for name, shape in shapes()])
    config = {
        "architectures": ["BertModel"], "model_type": "bert", "hidden_size": HIDDEN,
        "num_hidden_layers": LAYERS, "num_attention_heads": HEADS,
        "intermediate_size": INTERMEDIATE, "vocab_size": VOCAB,
        "max_position_embeddings": POSITIONS, "type_vocab_size": TYPES, "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
        "layer_norm_eps": 1e-12, "pad_token_id": 0, "torch_dtype": "float32",
    }
    with open(os.path.join(args.out, "config.json"), "w") as out:
        json.dump(config, out, indent=2)
    print(f"minilm_random: wrote {args.out} (seed {args.seed})")


if __name__ == "__main__":
    main()
