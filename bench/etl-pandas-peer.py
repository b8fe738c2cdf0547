# pandas peer of bench:etl: read_csv + to_datetime + drop_duplicates + sort + resample('1h').mean()
# + to_csv; with a third argument `rows`, no resampling (every unique row written).
import json, resource, sys, time

started = time.perf_counter()
import pandas as pd

path, out_dir = sys.argv[1], sys.argv[2]
rows_mode = len(sys.argv) > 3 and sys.argv[3] == "rows"
df = pd.read_csv(path)
rows_in = len(df)
df["Datetime"] = pd.to_datetime(df["Datetime"], format="%Y-%m-%d %H:%M:%S", utc=True)
df = df.drop_duplicates(subset="Datetime", keep="first").set_index("Datetime").sort_index()
if rows_mode:  # no resampling: every unique row written
    hourly = df["Load_MW"]
    hourly.to_csv(f"{out_dir}/pandas-rows.csv")
else:
    hourly = df["Load_MW"].resample("1h").mean()
    hourly.to_csv(f"{out_dir}/pandas.csv")
ms = (time.perf_counter() - started) * 1000
usage = resource.getrusage(resource.RUSAGE_SELF)
rss = usage.ru_maxrss / 1024
cpu_ms = (usage.ru_utime + usage.ru_stime) * 1000
print(json.dumps({"peer": "pandas-rows" if rows_mode else "pandas", "rowsIn": rows_in, "rowsOut": len(hourly), "ms": ms, "cpuMs": cpu_ms, "maxRssMb": rss}))
