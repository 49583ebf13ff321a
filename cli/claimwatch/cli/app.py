def main() -> None:
    print("claimwatch")
