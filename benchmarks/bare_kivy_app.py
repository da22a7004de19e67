"""The yardstick for start-up: a bare Kivy app with one Label, measured like the kiosk."""
import json
import os
import resource
import time

os.environ.setdefault("KIVY_NO_ARGS", "1")

from kivy.app import App  # noqa: E402
from kivy.clock import Clock  # noqa: E402
from kivy.core.window import Window  # noqa: E402
from kivy.uix.label import Label  # noqa: E402


class Bare(App):
    def build(self):
        Window.bind(on_flip=self._first_flip)
        return Label(text="kiosk")

    def _first_flip(self, *_args):
        if self.root is None:
            return
        Window.unbind(on_flip=self._first_flip)
        print(json.dumps({"first_frame_monotonic": time.monotonic(),
                          "max_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}), flush=True)
        Clock.schedule_once(lambda _dt: self.stop(), 0)


if __name__ == "__main__":
    Bare().run()
