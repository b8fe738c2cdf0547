# pandas peer of bench:etl: read_csv + to_datetime + drop_duplicates + resample('1h').mean() + to_csv.
import json, resource, sys, time

started = time.perf_counter()
import pandas as pd

_, path, out_dir = sys.argv
df = pd.read_csv(path)
rows_in = len(df)
df["Datetime"] = pd.to_datetime(df["Datetime"], format="%Y-%m-%d %H:%M:%S", utc=True)
df = df.drop_duplicates(subset="Datetime", keep="first").set_index("Datetime").sort_index()
hourly = df["Load_MW"].resample("1h").mean()
hourly.to_csv(f"{out_dir}/pandas.csv")
ms = (time.perf_counter() - started) * 1000
usage = resource.getrusage(resource.RUSAGE_SELF)
rss = usage.ru_maxrss / 1024
cpu_ms = (usage.ru_utime + usage.ru_stime) * 1000
print(json.dumps({"peer": "pandas", "rowsIn": rows_in, "rowsOut": len(hourly), "ms": ms, "cpuMs": cpu_ms, "maxRssMb": rss}))
