"""At rest on the home screen (issue 18): CPU % of one core and RSS of `kiosk run --offscreen`
left alone, and what keeps it busy.

    python -m benchmarks rest [--seconds 60] [--warmup 30] [--look 10]

1. `kiosk run --offscreen` with the embedded default configuration copied into a scratch folder
   (its SQLite files, logs and printouts stay there), left alone for --warmup seconds (the parts
   start after the first frame; after [ui] rest_after_s = 20 s the kiosk rests: kiosk/ui/rest.py),
   then measured for --seconds: CPU time from /proc/PID/stat
   (utime + stime, all threads), RSS from /proc/PID/status at the end, threads.
2. What redraws: the same app in this process (kiosk.testing.harness.HeadlessKiosk with its
   parts), frames pumped in real time for --look seconds on the home screen, counting frames
   drawn and canvas changes, and listing every Clock event still scheduled (callback, interval)
   and every running Animation.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from .machine import describe

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS     # utime, stime (fields 14 and 15)


def status_field(pid: int, name: str) -> str:
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(name + ":"):
                return line.split(":", 1)[1].strip()
    return "?"


def measure_process(seconds: float, warmup: float) -> dict:
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-rest-"))
    config = scratch / "kiosk.toml"
    shutil.copy(ROOT / "config" / "kiosk.toml", config)   # relative folders now under scratch
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen", KIVY_WINDOW="sdl2", KIVY_NO_ARGS="1",
               KIVY_NO_FILELOG="1", KIVY_NO_CONSOLELOG="1", KIVY_HOME=str(scratch / "kivy"))
    process = subprocess.Popen([sys.executable, "-m", "kiosk", "run", "--offscreen", "--config", str(config)],
                               env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(warmup)
        if process.poll() is not None:
            raise RuntimeError(f"kiosk run ended at once (exit {process.returncode})")
        cpu0, t0 = cpu_seconds(process.pid), time.monotonic()
        time.sleep(seconds)
        cpu1, t1 = cpu_seconds(process.pid), time.monotonic()
        return {"cpu_percent": 100 * (cpu1 - cpu0) / (t1 - t0), "rss": status_field(process.pid, "VmRSS"),
                "hwm": status_field(process.pid, "VmHWM"), "threads": status_field(process.pid, "Threads"),
                "seconds": t1 - t0}
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(scratch, ignore_errors=True)


def describe_callback(callback) -> str:
    target = getattr(callback, "__func__", callback)
    owner = getattr(callback, "__self__", None)
    name = getattr(target, "__qualname__", repr(target))
    module = getattr(target, "__module__", "?")
    return f"{module}.{name}" + (f" (of {type(owner).__name__})" if owner is not None else "")


def thread_cpu() -> dict[str, float]:
    """CPU seconds of each Python thread of this process so far (name#native id -> s)."""
    import threading

    seconds = {}
    for thread in threading.enumerate():
        try:
            seconds[f"{thread.name}#{thread.native_id}"] = cpu_seconds_of_task(thread.native_id)
        except OSError:
            pass
    return seconds


def cpu_seconds_of_task(tid: int) -> float:
    with open(f"/proc/self/task/{tid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def look_at_home(seconds: float) -> dict:
    """Frames drawn, canvas updates, Clock events and animations while the home screen rests."""
    from kiosk.config import load_config
    from kiosk.paths import DEFAULT_CONFIG
    from kiosk.testing.soak import soak_config

    scratch = Path(tempfile.mkdtemp(prefix="kiosk-rest-look-"))
    from kiosk.testing.clock import ManualClock
    from kiosk.testing.harness import HeadlessKiosk
    clock = ManualClock()
    kiosk = HeadlessKiosk(soak_config(load_config(DEFAULT_CONFIG), scratch), clock=clock, start_devices=True)
    try:
        from kivy.animation import Animation
        from kivy.clock import Clock

        kiosk.app.go_home()
        kiosk.wait_until(lambda: False, timeout=3)     # let the parts' first reports arrive
        # The quiet spell before the kiosk rests (kiosk/ui/rest.py), on the injected clock.
        clock.advance(kiosk.services.config.ui.rest_after_s + 1)
        kiosk.wait_until(lambda: kiosk.app.rest.resting, timeout=3)
        flips = Counter()
        kiosk.window.bind(on_flip=lambda *_: flips.update(["flip"]))
        draws = Counter()
        kiosk.window.bind(on_draw=lambda *_: draws.update(["draw"]))
        threads_before = thread_cpu()
        started = time.monotonic()
        frames = 0
        while time.monotonic() - started < seconds:
            kiosk.pump(1)
            frames += 1
        elapsed = time.monotonic() - started
        threads_after = thread_cpu()
        by_thread = {name: threads_after[name] - threads_before.get(name, 0.0) for name in threads_after}
        events = Counter()
        for event in Clock.get_events():
            callback = event.get_callback()
            if callback is None:
                continue
            events[(describe_callback(callback), round(event.timeout, 3) if event.loop else None)] += 1
        animations = [f"{type(a).__name__} {getattr(a, 'animated_properties', '')}"
                      for a in getattr(Animation, "_instances", ())]
        return {"resting": kiosk.app.rest.resting, "seconds": elapsed, "loop_iterations": frames, "draws": draws["draw"], "flips": flips["flip"],
                "events": events, "animations": animations, "by_thread": by_thread}
    finally:
        kiosk.close()
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks rest", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--warmup", type=float, default=30.0)
    parser.add_argument("--look", type=float, default=10.0, help="seconds of the in-process look at redraws")
    args = parser.parse_args(argv)
    print(f"at rest on the home screen ({describe()}; load average {os.getloadavg()[0]:.2f})", flush=True)
    figures = measure_process(args.seconds, args.warmup)
    print(f"  kiosk run --offscreen, {figures['seconds']:.0f} s after {args.warmup:.0f} s warm-up: "
          f"CPU {figures['cpu_percent']:.2f} % of a core; RSS {figures['rss']} (peak {figures['hwm']}); "
          f"threads {figures['threads']}  (target: under 1 % of a core)", flush=True)
    seen = look_at_home(args.look)
    print(f"  in-process look, {seen['seconds']:.0f} s, {'resting' if seen['resting'] else 'NOT resting'}: "
          f"{seen['loop_iterations']} loop iterations ({seen['loop_iterations'] / seen['seconds']:.1f}/s), "
          f"{seen['draws']} frames drawn ({seen['draws'] / seen['seconds']:.1f}/s), "
          f"{seen['flips']} buffer flips")
    print("  Clock events scheduled (callback, repeat interval s or once):")
    for (name, interval), count in sorted(seen["events"].items(), key=lambda kv: str(kv[0])):
        print(f"    {count} x {name}  every {interval} s" if interval is not None else f"    {count} x {name}  once")
    print("  animations running: " + (", ".join(seen["animations"]) or "none"))
    print("  CPU by thread in the in-process look (% of a core; the main thread also pumps frames here):")
    for name, used in sorted(seen["by_thread"].items(), key=lambda kv: -kv[1]):
        if used > 0:
            print(f"    {100 * used / seen['seconds']:6.2f} %  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
