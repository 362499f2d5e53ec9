"""Networks shipped with convdesk: one `.convdesk` file each, written by `_make.py`.

CATALOGUE is the one list of presets, in the order a class meets them, with the paper or library
each follows. `convdesk.engine.presets` reads the files through importlib.resources, so they are
found after a plain `pip install` and inside a frozen app.
"""

CATALOGUE: tuple[tuple[str, str], ...] = (
    (
        "alexnet-2012",
        "Krizhevsky, Sutskever and Hinton, ImageNet Classification with Deep Convolutional "
        "Neural Networks, NIPS 2012",
    ),
    (
        "lenet-5",
        "LeCun, Bottou, Bengio and Haffner, Gradient-Based Learning Applied to Document "
        "Recognition, Proc. IEEE 1998",
    ),
    ("alexnet-torchvision", "torchvision.models.alexnet (PyTorch)"),
    ("vgg16-torchvision", "torchvision.models.vgg16 (PyTorch); Simonyan and Zisserman, 2014"),
    ("resnet18-torchvision", "torchvision.models.resnet18 (PyTorch); He et al., 2015"),
    ("resnet50-torchvision", "torchvision.models.resnet50 (PyTorch); He et al., 2015"),
    ("resnet152-torchvision", "torchvision.models.resnet152 (PyTorch); He et al., 2015"),
    ("mobilenet-v2-torchvision", "torchvision.models.mobilenet_v2 (PyTorch); Sandler et al., 2018"),
    (
        "shufflenet-v2-torchvision",
        "torchvision.models.shufflenet_v2_x1_0 (PyTorch); Ma, Zhang, Zheng and Sun, ShuffleNet V2, "
        "ECCV 2018",
    ),
    (
        "convnext-tiny-torchvision",
        "torchvision.models.convnext_tiny (PyTorch); Liu, Mao, Wu, Feichtenhofer, Darrell and Xie, "
        "A ConvNet for the 2020s, CVPR 2022",
    ),
    (
        "unet-2015",
        "Ronneberger, Fischer and Brox, U-Net: Convolutional Networks for Biomedical Image "
        "Segmentation, MICCAI 2015",
    ),
    (
        "m5-audio",
        "Dai, Dai, Qu, Li and Das, Very Deep Convolutional Neural Networks for Raw Waveforms, "
        "ICASSP 2017, as built in PyTorch's speech command tutorial (torchaudio)",
    ),
    (
        "c3d-video",
        "Tran, Bourdev, Fergus, Torresani and Paluri, Learning Spatiotemporal Features with 3D "
        "Convolutional Networks, ICCV 2015",
    ),
)
"""(key, source) per preset; the key is the file's stem."""

SUFFIX = ".convdesk"
