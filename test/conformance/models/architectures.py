"""The architectures of the exported-model fixtures (test/data/models/), built from
configurations written here with random weights. Used by test/conformance/export_models.py.

This file is separate from the driver on purpose: coreai-torch's debug locations record the source
file, line and sha256 of every frame of a module's forward (this file's model classes among them),
so editing this file changes the exported assets, and editing the driver does not.
"""
import json

SEED = 0

# ----------------------------------------------------------------------------------------------
# Models. Each builder returns a dict: module (fp32, random init), inputs (list of input specs),
# outputs (names), architecture, source (library + class), config (what was built), and
# optionally externalize (coreai-torch ExternalizeSpec list: submodules emitted as their own
# noinline graphs called through coreai.invoke).
# An input spec: name, shape, dtype (numpy name), and how its seeded value is drawn:
#   {"kind": "randint", "low": a, "high": b} | {"kind": "normal", "std": s} | {"kind": "ones"}
# ----------------------------------------------------------------------------------------------

def _hf_config_dict(cfg) -> dict:
    d = cfg.to_diff_dict()
    d.pop("transformers_version", None)
    return json.loads(json.dumps(d, sort_keys=True, default=str))


def build_llama():
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM
    from transformers.models.llama.modeling_llama import LlamaMLP

    cfg = LlamaConfig(vocab_size=1024, hidden_size=128, intermediate_size=352, num_hidden_layers=2,
                      num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=256,
                      rms_norm_eps=1e-5, tie_word_embeddings=False)
    model = LlamaForCausalLM(cfg)

    class AnnotatedLlamaMLP(LlamaMLP):
        """LlamaMLP with a type-annotated forward: coreai-torch's externalization registers the
        forward as a torch.library custom op, whose schema inference needs the annotations
        (transformers' `forward(self, x)` fails: "Parameter x must have a type annotation")."""

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return super().forward(x)

    for layer in model.model.layers:
        layer.mlp.__class__ = AnnotatedLlamaMLP

    class Decoder(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids):
            return self.m(input_ids=input_ids, use_cache=False).logits

    from coreai_torch import ExternalizeSpec
    return dict(module=Decoder(model), architecture="Llama-style decoder (RMSNorm, RoPE, GQA, SwiGLU MLP)",
                source="transformers.LlamaForCausalLM", config=_hf_config_dict(cfg),
                inputs=[dict(name="input_ids", shape=[1, 16], dtype="int32",
                             values=dict(kind="randint", low=0, high=cfg.vocab_size))],
                outputs=["logits"],
                externalize=[ExternalizeSpec(AnnotatedLlamaMLP)],
                note="each LlamaMLP is externalized (coreai-torch ExternalizeSpec): its weights live "
                     "in a noinline graph called through coreai.invoke")


def build_gpt2():
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    cfg = GPT2Config(vocab_size=1024, n_positions=64, n_embd=128, n_layer=2, n_head=4,
                     resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0)
    model = GPT2LMHeadModel(cfg)

    class Decoder(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids):
            return self.m(input_ids=input_ids, use_cache=False).logits

    return dict(module=Decoder(model), architecture="GPT-2 decoder (Conv1D projections, tied LM head)",
                source="transformers.GPT2LMHeadModel", config=_hf_config_dict(cfg),
                inputs=[dict(name="input_ids", shape=[1, 16], dtype="int32",
                             values=dict(kind="randint", low=0, high=cfg.vocab_size))],
                outputs=["logits"])


def build_bert():
    import torch
    from transformers import BertConfig, BertModel

    cfg = BertConfig(vocab_size=1024, hidden_size=128, num_hidden_layers=2, num_attention_heads=4,
                     intermediate_size=512, max_position_embeddings=64, type_vocab_size=2,
                     hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)
    model = BertModel(cfg)

    class Encoder(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask):
            out = self.m(input_ids=input_ids, attention_mask=attention_mask)
            return out.last_hidden_state, out.pooler_output

    return dict(module=Encoder(model), architecture="BERT encoder with pooler",
                source="transformers.BertModel", config=_hf_config_dict(cfg),
                inputs=[dict(name="input_ids", shape=[1, 16], dtype="int32",
                             values=dict(kind="randint", low=0, high=cfg.vocab_size)),
                        dict(name="attention_mask", shape=[1, 16], dtype="int32", values=dict(kind="ones"))],
                outputs=["last_hidden_state", "pooler_output"])


def build_resnet18():
    import torch
    from torchvision.models.resnet import BasicBlock, ResNet

    width = 16  # torchvision's ResNet-18 with stage widths 16, 32, 64, 128 instead of 64..512

    class SlimResNet(ResNet):
        def __init__(self, width, num_classes):
            self._scale = width / 64
            super().__init__(BasicBlock, [2, 2, 2, 2], num_classes=num_classes)
            # The stem and head are built from ResNet's fixed 64/512; rebuild them at the width.
            self.conv1 = torch.nn.Conv2d(3, width, kernel_size=7, stride=2, padding=3, bias=False)
            self.bn1 = torch.nn.BatchNorm2d(width)
            self.fc = torch.nn.Linear(8 * width * BasicBlock.expansion, num_classes)

        def _make_layer(self, block, planes, blocks, stride=1, dilate=False):
            planes = int(planes * self._scale)
            if planes == int(64 * self._scale):
                self.inplanes = planes
            return super()._make_layer(block, planes, blocks, stride, dilate)

    torch.manual_seed(SEED)
    model = SlimResNet(width, num_classes=100)
    _randomize_batchnorm(model)
    return dict(module=model, architecture="ResNet-18 (BasicBlock [2,2,2,2], widths 16-32-64-128)",
                source="torchvision.models.resnet.ResNet",
                config=dict(block="BasicBlock", layers=[2, 2, 2, 2], width=width, num_classes=100),
                inputs=[dict(name="image", shape=[1, 3, 64, 64], dtype="float16", values=dict(kind="normal", std=1.0))],
                outputs=["logits"])


def build_mobilenet_v3():
    import torch  # noqa: F401
    from torchvision.models import mobilenet_v3_small

    model = mobilenet_v3_small(weights=None, width_mult=0.5, num_classes=100)
    _randomize_batchnorm(model)
    return dict(module=model, architecture="MobileNetV3-Small (width 0.5: hardswish, SE blocks, depthwise conv)",
                source="torchvision.models.mobilenet_v3_small",
                config=dict(arch="mobilenet_v3_small", width_mult=0.5, num_classes=100),
                inputs=[dict(name="image", shape=[1, 3, 96, 96], dtype="float16", values=dict(kind="normal", std=1.0))],
                outputs=["logits"])


def build_vit():
    from timm.models.vision_transformer import VisionTransformer

    config = dict(img_size=32, patch_size=4, embed_dim=128, depth=3, num_heads=4, mlp_ratio=2.0,
                  num_classes=100, global_pool="token")
    model = VisionTransformer(**config)
    return dict(module=model, architecture="ViT (patch 4, 64 patches + class token, 3 blocks)",
                source="timm.models.vision_transformer.VisionTransformer", config=config,
                inputs=[dict(name="image", shape=[1, 3, 32, 32], dtype="float16", values=dict(kind="normal", std=1.0))],
                outputs=["logits"])


def build_speaker_encoder():
    import torch

    config = dict(mel_bins=40, frames=24, hidden=128, layers=3, embedding=64)

    class SpeakerEncoder(torch.nn.Module):
        """GE2E-style speaker encoder: mel frames -> stacked LSTM -> projection of the last hidden
        state -> ReLU -> L2-normalised embedding."""

        def __init__(self, mel_bins, hidden, layers, embedding):
            super().__init__()
            self.lstm = torch.nn.LSTM(mel_bins, hidden, num_layers=layers, batch_first=True)
            self.proj = torch.nn.Linear(hidden, embedding)

        def forward(self, mels):
            out, _ = self.lstm(mels)
            e = torch.relu(self.proj(out[:, -1]))
            return e / (torch.linalg.vector_norm(e, dim=1, keepdim=True) + 1e-5)

    model = SpeakerEncoder(config["mel_bins"], config["hidden"], config["layers"], config["embedding"])
    return dict(module=model, architecture="LSTM speaker encoder (3-layer LSTM, projection, L2 norm)",
                source="torch.nn.LSTM + torch.nn.Linear", config=config,
                inputs=[dict(name="mels", shape=[1, config["frames"], config["mel_bins"]], dtype="float16",
                             values=dict(kind="normal", std=1.0))],
                outputs=["embedding"])


def build_face_detector():
    import torch
    import torch.nn.functional as F
    from torch import nn

    config = dict(image=64, channels=[24, 28, 32, 48, 64, 96], anchors_16=2, anchors_8=6, box_values=16)

    class BlazeBlock(nn.Module):
        """BlazeFace block: depthwise 5x5 + pointwise conv; stride 2 adds max pooling and zero
        channel padding on the residual branch."""

        def __init__(self, cin, cout, stride=1):
            super().__init__()
            self.stride, self.pad_c = stride, cout - cin
            self.dw = nn.Conv2d(cin, cin, 5, stride=stride, padding=0 if stride == 2 else 2, groups=cin)
            self.pw = nn.Conv2d(cin, cout, 1)

        def forward(self, x):
            h = F.pad(x, (1, 2, 1, 2)) if self.stride == 2 else x
            r = F.max_pool2d(x, 2) if self.stride == 2 else x
            if self.pad_c:
                r = F.pad(r, (0, 0, 0, 0, 0, self.pad_c))
            return F.relu(self.pw(self.dw(h)) + r)

    class FaceDetector(nn.Module):
        """A BlazeFace-style single-shot face detector: anchor scores and box regressions from a
        16x16 and an 8x8 feature map."""

        def __init__(self, c, a16, a8, box):
            super().__init__()
            self.stem = nn.Conv2d(3, c[0], 5, stride=2, padding=2)
            self.stage16 = nn.Sequential(BlazeBlock(c[0], c[0]), BlazeBlock(c[0], c[1]),
                                         BlazeBlock(c[1], c[2], 2), BlazeBlock(c[2], c[3]),
                                         BlazeBlock(c[3], c[4]))
            self.stage8 = nn.Sequential(BlazeBlock(c[4], c[5], 2), BlazeBlock(c[5], c[5]),
                                        BlazeBlock(c[5], c[5]))
            self.cls16, self.cls8 = nn.Conv2d(c[4], a16, 1), nn.Conv2d(c[5], a8, 1)
            self.reg16, self.reg8 = nn.Conv2d(c[4], a16 * box, 1), nn.Conv2d(c[5], a8 * box, 1)
            self.box = box

        def forward(self, image):
            x = F.relu(self.stem(image))
            f16 = self.stage16(x)
            f8 = self.stage8(f16)
            n = image.shape[0]
            scores = torch.cat([self.cls16(f16).permute(0, 2, 3, 1).reshape(n, -1, 1),
                                self.cls8(f8).permute(0, 2, 3, 1).reshape(n, -1, 1)], dim=1)
            boxes = torch.cat([self.reg16(f16).permute(0, 2, 3, 1).reshape(n, -1, self.box),
                               self.reg8(f8).permute(0, 2, 3, 1).reshape(n, -1, self.box)], dim=1)
            return torch.sigmoid(scores), boxes

    model = FaceDetector(config["channels"], config["anchors_16"], config["anchors_8"], config["box_values"])
    return dict(module=model, architecture="BlazeFace-style face detector (depthwise 5x5 blocks, 2 anchor heads)",
                source="torch.nn (written here)", config=config,
                inputs=[dict(name="image", shape=[1, 3, config["image"], config["image"]], dtype="float16",
                             values=dict(kind="normal", std=1.0))],
                outputs=["scores", "boxes"])


def _randomize_batchnorm(model):
    """Random-init BatchNorm statistics and affine parameters (fresh ones are identities), so the
    folded or unfolded normalisation is not trivially exact."""
    import torch
    g = torch.Generator().manual_seed(SEED + 1)
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            with torch.no_grad():
                m.running_mean.copy_(torch.randn(m.num_features, generator=g) * 0.1)
                m.running_var.copy_(torch.rand(m.num_features, generator=g) * 0.5 + 0.75)
                m.weight.copy_(torch.rand(m.num_features, generator=g) * 0.5 + 0.75)
                m.bias.copy_(torch.randn(m.num_features, generator=g) * 0.1)


BUILDERS = {
    "llama": build_llama,
    "gpt2": build_gpt2,
    "bert": build_bert,
    "resnet18": build_resnet18,
    "mobilenet_v3": build_mobilenet_v3,
    "vit": build_vit,
    "speaker_encoder": build_speaker_encoder,
    "face_detector": build_face_detector,
}
