"""A DaViT-shaped vision tower for the full-size Florence-2 bench model (random weights).

Florence-2's vision tower is DaViT: four stages, each a strided conv patch embedding followed by
pairs of blocks, a spatial block (windowed self-attention over 12 x 12 windows + MLP) and a
channel block (attention across channel groups + MLP), each with a depthwise-conv position
encoding. This follows that layout with Florence-2-base's depths, widths, heads and strides, so
its parameter count and FLOPs are close to the real tower's; details that cost little (drop path,
exact norm placement inside the conv position encoding) are simplified. The output is Florence-2's
feature recipe: 2-D learned positions, [mean token; per-patch tokens], image_projection, LayerNorm.
"""
import math

import torch
from torch import nn
import torch.nn.functional as F


class ConvPosEnc(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Conv2d(dim, dim, 3, padding=1, groups=dim)

    def forward(self, x, side):
        b, n, c = x.shape
        grid = x.transpose(1, 2).reshape(b, c, side, side)
        return x + self.proj(grid).flatten(2).transpose(1, 2)


class Mlp(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(dim, 4 * dim), nn.Linear(4 * dim, dim)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class SpatialBlock(nn.Module):
    """Windowed multi-head self-attention over window x window patches, then an MLP."""

    def __init__(self, dim, heads, window):
        super().__init__()
        self.heads, self.window = heads, window
        self.cpe1, self.cpe2 = ConvPosEnc(dim), ConvPosEnc(dim)
        self.norm1, self.norm2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.qkv, self.proj = nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)
        self.mlp = Mlp(dim)

    def forward(self, x, side):
        b, n, c = x.shape
        w, per = self.window, side // self.window
        x = self.cpe1(x, side)
        h = self.norm1(x).reshape(b, per, w, per, w, c).permute(0, 1, 3, 2, 4, 5).reshape(-1, w * w, c)
        q, k, v = self.qkv(h).reshape(-1, w * w, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(c // self.heads), dim=-1)
        h = self.proj((att @ v).transpose(1, 2).reshape(-1, w * w, c))
        h = h.reshape(b, per, per, w, w, c).permute(0, 1, 3, 2, 4, 5).reshape(b, n, c)
        x = self.cpe2(x + h, side)
        return x + self.mlp(self.norm2(x))


class ChannelBlock(nn.Module):
    """Attention across the channels of each group (a C/g x C/g map per group), then an MLP."""

    def __init__(self, dim, groups):
        super().__init__()
        self.groups = groups
        self.cpe1, self.cpe2 = ConvPosEnc(dim), ConvPosEnc(dim)
        self.norm1, self.norm2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.qkv, self.proj = nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)
        self.mlp = Mlp(dim)

    def forward(self, x, side):
        b, n, c = x.shape
        x = self.cpe1(x, side)
        q, k, v = self.qkv(self.norm1(x)).reshape(b, n, 3, self.groups, c // self.groups).permute(2, 0, 3, 1, 4)
        att = torch.softmax((q * n ** -0.5).transpose(-1, -2) @ k, dim=-1)  # [B, g, C/g, C/g]
        h = (att @ v.transpose(-1, -2)).transpose(-1, -2)  # [B, g, N, C/g]
        x = x + self.proj(h.transpose(1, 2).reshape(b, n, c))
        x = self.cpe2(x, side)
        return x + self.mlp(self.norm2(x))


class Stage(nn.Module):
    def __init__(self, cfg, i):
        super().__init__()
        in_dim = 3 if i == 0 else cfg['dims'][i - 1]
        dim = cfg['dims'][i]
        self.prenorm = nn.LayerNorm(in_dim) if cfg['patch_prenorm'][i] else None
        self.conv = nn.Conv2d(in_dim, dim, cfg['patch_size'][i], cfg['patch_stride'][i], cfg['patch_padding'][i])
        self.postnorm = None if cfg['patch_prenorm'][i] else nn.LayerNorm(dim)
        self.blocks = nn.ModuleList()
        for _ in range(cfg['depths'][i]):
            self.blocks.append(SpatialBlock(dim, cfg['heads'][i], cfg['window']))
            self.blocks.append(ChannelBlock(dim, cfg['groups'][i]))

    def forward(self, grid):
        if self.prenorm is not None:
            grid = self.prenorm(grid.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)
        grid = self.conv(grid)
        b, c, side, _ = grid.shape
        x = grid.flatten(2).transpose(1, 2)
        if self.postnorm is not None:
            x = self.postnorm(x)
        for block in self.blocks:
            x = block(x, side)
        return x.transpose(1, 2).reshape(b, c, side, side)


class DaViTEncoder(nn.Module):
    """pixel_values [B, 3, S, S] -> image_features [B, 1 + grid^2, d_model], as vision_encoder.onnx."""

    def __init__(self, cfg, d_model, grid):
        super().__init__()
        self.stages = nn.ModuleList(Stage(cfg, i) for i in range(len(cfg['dims'])))
        width = cfg['dims'][-1]
        self.norm = nn.LayerNorm(width)
        self.pos = nn.Parameter(torch.zeros(1, grid * grid, width))
        self.image_projection = nn.Parameter(torch.zeros(width, d_model))
        self.image_proj_norm = nn.LayerNorm(d_model)

    def forward(self, pixel_values):
        x = pixel_values
        for stage in self.stages:
            x = stage(x)
        x = self.norm(x.flatten(2).transpose(1, 2)) + self.pos
        x = torch.cat([x.mean(dim=1, keepdim=True), x], dim=1)
        return self.image_proj_norm(torch.matmul(x, self.image_projection))
