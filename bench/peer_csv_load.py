#!/usr/bin/python3
"""The peer of bench-data's load: the same job done by a careful Python script with the csv
module: parse, drop rows missing a needed value, convert the audio features to floats, split
and lower-case the genres, drop repeated Track URIs, count tracks per genre.
Prints one JSON line."""
import csv, json, sys, time
from collections import Counter

FEATURES = ['Danceability', 'Energy', 'Key', 'Loudness', 'Mode', 'Speechiness', 'Acousticness',
            'Instrumentalness', 'Liveness', 'Valence', 'Tempo', 'Time Signature', 'Popularity',
            'Track Duration (ms)']
NEEDED = ['Track Name', 'Artist Name(s)', 'Album Release Date', 'Explicit', 'Artist Genres'] + FEATURES

t0 = time.perf_counter()
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    reader = csv.reader(f)
    head = next(reader)
    col = {name: i for i, name in enumerate(head)}
    needed = [col[n] for n in NEEDED]
    features = [col[n] for n in FEATURES]
    uri, genres_col = col['Track URI'], col['Artist Genres']
    seen, tracks, genres = set(), [], Counter()
    for row in reader:
        if any(not row[i].strip() for i in needed) or row[uri] in seen:
            continue
        seen.add(row[uri])
        values = [float(row[i]) for i in features]
        track_genres = sorted({g.strip().lower() for g in row[genres_col].split(',') if g.strip()})
        genres.update(track_genres)
        tracks.append((row[col['Track Name']], row[col['Artist Name(s)']], track_genres, values))
print(json.dumps({'rows': len(tracks), 'genres': len(genres), 'seconds': round(time.perf_counter() - t0, 4)}))
