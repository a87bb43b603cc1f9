print("ward-git")
