"""Resident ID card reader (GA 467 over serial): frames, card records, the driver and the watcher."""
from .card import IdentityCard, PhotoDecoder, load_photo_decoder, register_photo_decoder
from .errors import (CardDataError, CardNotSupported, CardReadFailed, ChecksumMismatch, CommandRejected,
                     InvalidCardContent, MalformedAnswer, NoCardInTime, PortVanished, ReaderError, ReaderNotFound,
                     ReaderNotResponding, ReaderTimeout, RequestDamaged, ResponseCorrupt, SamFault, TruncatedFrame)
from .outcomes import Outcome
from .reader import IdCardReader, SamInfo

__all__ = [
    "IdentityCard", "PhotoDecoder", "load_photo_decoder", "register_photo_decoder", "Outcome",
    "IdCardReader", "SamInfo", "ReaderError", "ReaderNotFound", "ReaderNotResponding", "PortVanished",
    "ReaderTimeout", "ResponseCorrupt", "ChecksumMismatch", "TruncatedFrame", "CommandRejected", "SamFault",
    "CardReadFailed", "CardNotSupported", "CardDataError", "NoCardInTime", "MalformedAnswer", "RequestDamaged",
    "InvalidCardContent",
]
