# No asyncio at all: the program alone is drawn, as main.
import time

print("counting")
time.sleep(1.5)
print("counted")
